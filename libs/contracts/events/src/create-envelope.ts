import type { EnvelopeData, EnvelopeOf, EnvelopeType, EnvelopeVersion } from './event-schemas.js';
import { findDataSchema } from './event-schemas.js';

export interface CreateEnvelopeInput<T extends EnvelopeType, V extends EnvelopeVersion<T>> {
  type: T;
  version: V;
  sessionId: string | null;
  data: EnvelopeData<T, V>;
  /** W3C `traceparent` of the request that caused the event, so a relayed event joins its trace. */
  traceparent?: string;
  /** For a fixed clock in tests. */
  occurredAt?: Date;
}

/**
 * Builds an envelope with a fresh id (the JetStream `Nats-Msg-Id`) and validates `data` against its
 * schema: a producer bug throws here, before the event reaches an outbox.
 */
export function createEnvelope<T extends EnvelopeType, V extends EnvelopeVersion<T>>(
  input: CreateEnvelopeInput<T, V>,
): EnvelopeOf<T, V> {
  const schema = findDataSchema(input.type, input.version);
  if (!schema) {
    throw new TypeError(`No schema for event ${input.type} version ${input.version}`);
  }
  const data = schema.parse(input.data) as EnvelopeData<T, V>;
  return {
    id: crypto.randomUUID(),
    type: input.type,
    version: input.version,
    occurredAt: (input.occurredAt ?? new Date()).toISOString(),
    sessionId: input.sessionId,
    ...(input.traceparent === undefined ? {} : { traceparent: input.traceparent }),
    data,
  };
}
