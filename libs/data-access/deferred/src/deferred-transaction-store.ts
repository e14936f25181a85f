import { changeWithOutbox, type OutgoingEvent } from '@issuer/data-access-runtime';
import type { Prisma, DeferredIssuance, DeferredTransaction as DeferredTransactionRow } from './generated/client.js';
import type { DeferredStatus, DeferredTransaction, NewDeferredTransaction } from './deferred-transaction.js';

/** The deferred schema's reads and writes, on the client or inside one transaction. */
export interface DeferredTransactionStore {
  createTransaction(transaction: NewDeferredTransaction, events: OutgoingEvent[]): Promise<DeferredTransaction>;
  /** The transaction with what the operator decided for its issuance so far. */
  findTransaction(transactionId: string): Promise<DeferredTransaction | null>;
  /**
   * pending → redeemed, once, and only while its claims are supplied and the issuance is not denied:
   * true for the one caller that delivers the credentials. Events only then.
   */
  redeem(transactionId: string, events?: OutgoingEvent[]): Promise<boolean>;
  /** A redeemed transaction's credentials were signed and answered to the wallet, once; the events only then. */
  recordDelivery(transactionId: string, events: OutgoingEvent[]): Promise<boolean>;
  /** redeemed → pending, when the credentials could not be signed: the wallet may ask again. */
  releaseRedemption(transactionId: string): Promise<boolean>;
  /** The claims of these configurations were supplied; their transactions, now or later, can be issued. */
  recordClaimsSupplied(issuance: { issuanceId: string; sessionId: string }, credentialConfigurationIds: string[]): Promise<void>;
  /** The issuance was denied; the first reason stays. */
  recordDenial(issuance: { issuanceId: string; sessionId: string }, reason: string): Promise<void>;
}

// Both statements take the row lock of the issuance, so decisions about one issuance apply in turn.
const RECORD_CLAIMS_SUPPLIED = `INSERT INTO "deferred"."DeferredIssuance" ("issuanceId", "sessionId", "readyCredentialConfigurationIds")
  VALUES ($1, $2, ARRAY(SELECT jsonb_array_elements_text($3::jsonb)))
  ON CONFLICT ("issuanceId") DO UPDATE SET
    "readyCredentialConfigurationIds" = ARRAY(SELECT DISTINCT unnest("DeferredIssuance"."readyCredentialConfigurationIds" || EXCLUDED."readyCredentialConfigurationIds") ORDER BY 1),
    "updatedAt" = now()`;

const RECORD_DENIAL = `INSERT INTO "deferred"."DeferredIssuance" ("issuanceId", "sessionId", "denialReason", "deniedAt")
  VALUES ($1, $2, $3, now())
  ON CONFLICT ("issuanceId") DO UPDATE SET
    "denialReason" = COALESCE("DeferredIssuance"."denialReason", EXCLUDED."denialReason"),
    "deniedAt" = COALESCE("DeferredIssuance"."deniedAt", EXCLUDED."deniedAt"),
    "updatedAt" = now()`;

const REDEEM = `UPDATE "deferred"."DeferredTransaction" AS "t" SET "status" = 'redeemed', "redeemedAt" = now()
  WHERE "t"."transactionId" = $1 AND "t"."status" = 'pending'
    AND (
      EXISTS (
        SELECT 1 FROM "deferred"."DeferredIssuance" AS "d"
        WHERE "d"."issuanceId" = "t"."issuanceId" AND "d"."deniedAt" IS NULL
          AND "t"."credentialConfigurationId" = ANY ("d"."readyCredentialConfigurationIds")
      )
      OR ("t"."readyAt" <= now() AND NOT EXISTS (SELECT 1 FROM "deferred"."DeferredIssuance" AS "d" WHERE "d"."issuanceId" = "t"."issuanceId" AND "d"."deniedAt" IS NOT NULL))
    )
  RETURNING 1`;

export function deferredTransactionStore(client: Prisma.TransactionClient): DeferredTransactionStore {
  return {
    async createTransaction(transaction, events) {
      const row = {
        ...transaction,
        holderJwks: transaction.holderJwks as Prisma.InputJsonArray,
        readyAt: transaction.readyAt ?? null,
        status: 'pending' as DeferredStatus,
        createdAt: new Date(),
      };
      await changeWithOutbox(
        client,
        'deferred',
        {
          sql: `INSERT INTO "deferred"."DeferredTransaction" ("transactionId", "sessionId", "issuanceId", "credentialConfigurationId", "holderJwks", "status", "createdAt", "readyAt")
                VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8)
                RETURNING 1`,
          params: [row.transactionId, row.sessionId, row.issuanceId, row.credentialConfigurationId, JSON.stringify(row.holderJwks), row.status, row.createdAt, row.readyAt],
        },
        events,
      );
      const issuance = await client.deferredIssuance.findUnique({ where: { issuanceId: transaction.issuanceId } });
      return { ...transaction, readyAt: row.readyAt, status: row.status, createdAt: row.createdAt, redeemedAt: null, deliveredAt: null, ...decisionFor(transaction.credentialConfigurationId, row.readyAt, issuance) };
    },

    async findTransaction(transactionId) {
      const row = await client.deferredTransaction.findUnique({ where: { transactionId } });
      if (!row) return null;
      const issuance = await client.deferredIssuance.findUnique({ where: { issuanceId: row.issuanceId } });
      return toDeferredTransaction(row, issuance);
    },

    async redeem(transactionId, events = []) {
      return (await changeWithOutbox(client, 'deferred', { sql: REDEEM, params: [transactionId] }, events)) === 1;
    },

    async recordDelivery(transactionId, events) {
      const sql = `UPDATE "deferred"."DeferredTransaction" SET "deliveredAt" = now() WHERE "transactionId" = $1 AND "status" = 'redeemed' AND "deliveredAt" IS NULL RETURNING 1`;
      return (await changeWithOutbox(client, 'deferred', { sql, params: [transactionId] }, events)) === 1;
    },

    async releaseRedemption(transactionId) {
      const { count } = await client.deferredTransaction.updateMany({ where: { transactionId, status: 'redeemed' }, data: { status: 'pending', redeemedAt: null } });
      return count === 1;
    },

    async recordClaimsSupplied({ issuanceId, sessionId }, credentialConfigurationIds) {
      await client.$executeRawUnsafe(RECORD_CLAIMS_SUPPLIED, issuanceId, sessionId, JSON.stringify(credentialConfigurationIds));
    },

    async recordDenial({ issuanceId, sessionId }, reason) {
      await client.$executeRawUnsafe(RECORD_DENIAL, issuanceId, sessionId, reason);
    },
  };
}

function decisionFor(credentialConfigurationId: string, readyAt: Date | null, issuance: DeferredIssuance | null): Pick<DeferredTransaction, 'ready' | 'denialReason'> {
  const denialReason = issuance?.denialReason ?? null;
  const supplied = issuance?.readyCredentialConfigurationIds.includes(credentialConfigurationId) ?? false;
  return { ready: denialReason === null && (supplied || (readyAt !== null && readyAt.getTime() <= Date.now())), denialReason };
}

function toDeferredTransaction(row: DeferredTransactionRow, issuance: DeferredIssuance | null): DeferredTransaction {
  return {
    transactionId: row.transactionId,
    sessionId: row.sessionId,
    issuanceId: row.issuanceId,
    credentialConfigurationId: row.credentialConfigurationId,
    holderJwks: row.holderJwks as object[],
    status: row.status as DeferredStatus,
    createdAt: row.createdAt,
    redeemedAt: row.redeemedAt,
    readyAt: row.readyAt,
    deliveredAt: row.deliveredAt,
    ...decisionFor(row.credentialConfigurationId, row.readyAt, issuance),
  };
}
