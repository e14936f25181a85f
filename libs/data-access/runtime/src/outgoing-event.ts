import type { Envelope } from '@issuer/contracts-events';

/** An event a state change publishes: written to the service's outbox in the same transaction. */
export interface OutgoingEvent {
  subject: string;
  envelope: Envelope;
}

/** Outbox rows of `events`; the envelope id is the row id, so a retried write cannot publish twice. */
export function toOutboxRows(events: readonly OutgoingEvent[]): { id: string; subject: string; envelope: object }[] {
  return events.map(({ subject, envelope }) => ({ id: envelope.id, subject, envelope }));
}
