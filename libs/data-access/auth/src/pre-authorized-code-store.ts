import { changeWithOutbox, lookupBy, type OutgoingEvent } from '@issuer/data-access-runtime';
import type { Prisma, PreAuthorizedCode as PreAuthorizedCodeRow } from './generated/client.js';
import type { NewPreAuthorizedCode, PreAuthorizedCode } from './pre-authorized-code.js';

/** The auth schema's pre-authorized codes, on the client or inside one transaction. */
export interface PreAuthorizedCodeStore {
  registerPreAuthorizedCode(code: NewPreAuthorizedCode, events?: OutgoingEvent[]): Promise<void>;
  findPreAuthorizedCode(codeHash: string): Promise<PreAuthorizedCode | null>;
  /**
   * OID4VCI 1.0 Section 4.1.1: the pre-authorized code is single use. One conditional update: true
   * only for the one caller that finds it unconsumed, unexpired at `now` and under its tx_code
   * attempt limit; the events are written with it, and only then.
   */
  consumePreAuthorizedCode(codeHash: string, now: Date, events: OutgoingEvent[]): Promise<boolean>;
  /** Counts a wrong tx_code; returns the new number of failed attempts. */
  recordTxCodeFailure(codeHash: string): Promise<number>;
}

export function preAuthorizedCodeStore(client: Prisma.TransactionClient): PreAuthorizedCodeStore {
  // Raw SQL rather than findUnique: every token request reads its code (see directRawSql).
  const codeByHash = lookupBy<PreAuthorizedCodeRow>(client, { table: '"auth"."PreAuthorizedCode"', column: 'codeHash' });
  return {
    async registerPreAuthorizedCode(code, events = []) {
      await changeWithOutbox(
        client,
        'auth',
        {
          sql: `INSERT INTO "auth"."PreAuthorizedCode"
                  ("codeHash", "sessionId", "issuanceId", "credentialConfigurationIds", "txCodeHash", "maxTxCodeAttempts", "expiresAt", "compatibilityProfile", "requireKeyAttestation", "requireWalletAttestation", "testBehaviours")
                VALUES ($1, $2, $3, ARRAY(SELECT jsonb_array_elements_text($4::jsonb)), $5, $6, $7, $8, $9, $10, $11::jsonb)
                RETURNING 1`,
          params: [code.codeHash, code.sessionId, code.issuanceId, JSON.stringify(code.credentialConfigurationIds), code.txCodeHash ?? null, code.maxTxCodeAttempts, code.expiresAt, code.compatibilityProfile ?? null, code.requireKeyAttestation ?? false, code.requireWalletAttestation ?? false, code.testBehaviours ? JSON.stringify(code.testBehaviours) : null],
        },
        events,
      );
    },

    async findPreAuthorizedCode(codeHash) {
      const row = await codeByHash(codeHash);
      return row ? { ...row, testBehaviours: row.testBehaviours as Record<string, unknown> | null } : null;
    },

    async consumePreAuthorizedCode(codeHash, now, events) {
      const consumed = await changeWithOutbox(
        client,
        'auth',
        {
          sql: `UPDATE "auth"."PreAuthorizedCode" SET "consumedAt" = $2
                WHERE "codeHash" = $1 AND "consumedAt" IS NULL AND "expiresAt" > $2 AND "txCodeAttempts" < "maxTxCodeAttempts"
                RETURNING 1`,
          params: [codeHash, now],
        },
        events,
      );
      return consumed === 1;
    },

    async recordTxCodeFailure(codeHash) {
      const { txCodeAttempts } = await client.preAuthorizedCode.update({
        where: { codeHash },
        data: { txCodeAttempts: { increment: 1 } },
        select: { txCodeAttempts: true },
      });
      return txCodeAttempts;
    },
  };
}
