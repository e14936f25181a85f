import { randomUUID } from 'node:crypto';
import { changeWithOutbox, isUniqueViolation, lookupBy, type OutgoingEvent } from '@issuer/data-access-runtime';
import type { Prisma, IssuedCredential as IssuedCredentialRow } from './generated/client.js';
import type { IssuedCredential, NewIssuedCredential, NewNotification, RecordIssuedResult } from './issued-credential.js';

/** The credential schema's reads and writes, on the client or inside one transaction. */
export interface IssuedCredentialStore {
  /**
   * All or nothing: when any key proof was used before (or twice here), nothing is recorded. With
   * `keyProofsClaimed`, the caller recorded the proofs as used already (useKeyProofs).
   */
  recordIssued(credentials: NewIssuedCredential[], events: OutgoingEvent[], options?: { keyProofsClaimed?: boolean }): Promise<RecordIssuedResult>;
  /**
   * Records key proofs as used for a request answered later (OID4VCI 1.0 Section 9); false, recording
   * none, when any was used before, for a deferred or an immediate answer.
   */
  useKeyProofs(proofHashes: string[], sessionId: string): Promise<boolean>;
  /** The first credential issued under `notificationId`; all of them share session and issuance. */
  findByNotificationId(notificationId: string): Promise<IssuedCredential | null>;
  /** The events are written only when the notification is new. */
  recordNotification(notification: NewNotification, events: OutgoingEvent[]): Promise<'recorded' | 'duplicate'>;
}

export function issuedCredentialStore(client: Prisma.TransactionClient): IssuedCredentialStore {
  // Raw SQL rather than findFirst: every notification reads its credential (see directRawSql).
  const byNotificationId = lookupBy<IssuedCredentialRow>(client, { table: '"credential"."IssuedCredential"', column: 'notificationId', firstBy: 'createdAt' });
  return {
    async recordIssued(credentials, events, options) {
      // OID4VCI 1.0 Section 13.8: a key proof is used once (KeyProof, shared with deferred requests),
      // so a proof used before, or twice here, fails the whole statement and nothing is recorded.
      const rows = credentials.map((credential) => ({ ...credential, id: credential.id ?? randomUUID(), holderJkt: credential.holderJkt ?? null, proofHash: credential.proofHash ?? null }));
      try {
        await changeWithOutbox(
          client,
          'credential',
          {
            ...(!options?.keyProofsClaimed && {
              with: `"proof" AS (
                    INSERT INTO "credential"."KeyProof" ("proofHash", "sessionId")
                    SELECT "proofHash", "sessionId" FROM jsonb_to_recordset($1::jsonb) AS "p"("proofHash" text, "sessionId" text)
                    WHERE "proofHash" IS NOT NULL
                  )`,
            }),
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

    async useKeyProofs(proofHashes, sessionId) {
      // One statement: a proof used before, or twice here, records none of them.
      try {
        await client.$executeRawUnsafe(
          `INSERT INTO "credential"."KeyProof" ("proofHash", "sessionId") SELECT "value", $2 FROM jsonb_array_elements_text($1::jsonb)`,
          JSON.stringify(proofHashes),
          sessionId,
        );
        return true;
      } catch (error) {
        if (isUniqueViolation(error)) return false;
        throw error;
      }
    },

    findByNotificationId: byNotificationId,

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
