import { randomUUID } from 'node:crypto';
import { changeWithOutbox, isUniqueViolation, type OutgoingEvent } from '@issuer/data-access-runtime';
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

export function issuedCredentialStore(client: Prisma.TransactionClient): IssuedCredentialStore {
  return {
    async recordIssued(credentials, events) {
      // OID4VCI 1.0 Section 13.8: proofHash is unique, so a key proof used before, or twice here,
      // fails the whole statement and nothing of this response is recorded.
      const rows = credentials.map((credential) => ({ ...credential, id: credential.id ?? randomUUID(), holderJkt: credential.holderJkt ?? null, proofHash: credential.proofHash ?? null }));
      try {
        await changeWithOutbox(
          client,
          'credential',
          {
            sql: `INSERT INTO "credential"."IssuedCredential"
                    ("id", "sessionId", "issuanceId", "credentialConfigurationId", "format", "notificationId", "holderJkt", "proofHash")
                  SELECT "id", "sessionId", "issuanceId", "credentialConfigurationId", "format", "notificationId", "holderJkt", "proofHash"
                  FROM jsonb_to_recordset($1::jsonb) AS "c"("id" text, "sessionId" text, "issuanceId" text, "credentialConfigurationId" text,
                    "format" text, "notificationId" text, "holderJkt" text, "proofHash" text)
                  RETURNING 1`,
            params: [JSON.stringify(rows)],
          },
          events,
        );
        return { ok: true };
      } catch (error) {
        if (isUniqueViolation(error)) return { ok: false, reason: 'proof_reused' };
        throw error;
      }
    },

    findByNotificationId: (notificationId) =>
      client.issuedCredential.findFirst({ where: { notificationId }, orderBy: { createdAt: 'asc' } }),

    async recordNotification({ notificationId, event, description = null }, events) {
      const recorded = await changeWithOutbox(
        client,
        'credential',
        {
          sql: `INSERT INTO "credential"."Notification" ("notificationId", "event", "description") VALUES ($1, $2, $3)
                ON CONFLICT DO NOTHING
                RETURNING 1`,
          params: [notificationId, event, description],
        },
        events,
      );
      return recorded === 1 ? 'recorded' : 'duplicate';
    },
  };
}
