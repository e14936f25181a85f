import type { Envelope } from './envelope.js';
import type { CommandType, EnvelopeData, EnvelopeVersion } from './event-schemas.js';
import { parseEnvelope } from './parse-envelope.js';

/**
 * The typed data of a `type` command request. Throws when the envelope is another command or does not
 * match its schema: a command handler's failure, answered to the requester as such.
 */
export function parseCommand<T extends CommandType>(type: T, envelope: Envelope): EnvelopeData<T, EnvelopeVersion<T>> {
  if (envelope.type !== type) {
    throw new TypeError(`Expected a ${type} command, got ${envelope.type}`);
  }
  const parsed = parseEnvelope(envelope);
  if (!parsed.ok) {
    throw new TypeError(parsed.error.message);
  }
  return parsed.envelope.data as EnvelopeData<T, EnvelopeVersion<T>>;
}
