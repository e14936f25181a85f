import type { Envelope } from './envelope.js';

/** A row of a service's transactional outbox: written in the same transaction as the state change. */
export interface OutboxRecord {
  id: string;
  subject: string;
  envelope: Envelope;
  createdAt: Date;
}

/** What the outbox relay needs from a service's data-access lib. */
export interface OutboxStore {
  fetchPending(limit: number): Promise<OutboxRecord[]>;
  markPublished(ids: string[]): Promise<void>;
}
