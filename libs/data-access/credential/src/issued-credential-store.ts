import { randomUUID } from 'node:crypto';
import { toOutboxRows, type OutgoingEvent } from '@issuer/data-access-runtime';
import type { Prisma } from './generated/client.js';
import type { IssuedCredential, NewIssuedCredential, NewNotification, RecordIssuedResult } from './issued-credential.js';

/** The credential schema's reads and writes, on the client or inside one transaction. */
export interface IssuedCredentialStore {
  /** All or nothing: when any key proof was used before (or twice here), nothing is recorded. */
  recordIssued(credentials: NewIssuedCredential[], events: OutgoingEvent[]): Promise<RecordIssuedResult>;
  /** The first credential issued under `notificationId`; all of them share session and issuance. */
  findByNotificationId(notificationId: string): Promise<IssuedCredential | null>;
  /** The events are written only when the notification is new. */
  recordNotification(notification: NewNotification, events: OutgoingEvent[]): Promise<'recorded' | 'duplicate'>;
}

type Atomically = <T>(fn: (tx: Prisma.TransactionClient) => Promise<T>) => Promise<T>;

const proofReused = Symbol('proof_reused');

export function issuedCredentialStore(client: Prisma.TransactionClient, atomically: Atomically): IssuedCredentialStore {
  return {
    async recordIssued(credentials, events) {
      const data = credentials.map((credential) => ({ ...credential, id: credential.id ?? randomUUID() }));
      try {
        await atomically(async (tx) => {
          const { count } = await tx.issuedCredential.createMany({ data, skipDuplicates: true });
          // OID4VCI 1.0 Section 13.8: a skipped row means its proofHash exists; throwing rolls back the rest.
          if (count !== data.length) throw proofReused;
          if (events.length > 0) await tx.outboxEvent.createMany({ data: toOutboxRows(events) });
        });
        return { ok: true };
      } catch (error) {
        if (error === proofReused) return { ok: false, reason: 'proof_reused' };
        throw error;
      }
    },

    findByNotificationId: (notificationId) =>
      client.issuedCredential.findFirst({ where: { notificationId }, orderBy: { createdAt: 'asc' } }),

    async recordNotification({ notificationId, event, description = null }, events) {
      const record = async (tx: Prisma.TransactionClient) => {
        const { count } = await tx.notification.createMany({ data: [{ notificationId, event, description }], skipDuplicates: true });
        return count === 1;
      };
      if (events.length === 0) return (await record(client)) ? 'recorded' : 'duplicate';
      return atomically(async (tx) => {
        if (!(await record(tx))) return 'duplicate';
        await tx.outboxEvent.createMany({ data: toOutboxRows(events) });
        return 'recorded';
      });
    },
  };
}
