import { toOutboxRows, type OutgoingEvent } from '@issuer/data-access-runtime';
import type { Prisma } from './generated/client.js';
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

type Atomically = <T>(fn: (tx: Prisma.TransactionClient) => Promise<T>) => Promise<T>;

export function preAuthorizedCodeStore(client: Prisma.TransactionClient, atomically: Atomically): PreAuthorizedCodeStore {
  return {
    async registerPreAuthorizedCode(code, events = []) {
      if (events.length === 0) {
        await client.preAuthorizedCode.create({ data: code });
        return;
      }
      await atomically(async (tx) => {
        await tx.preAuthorizedCode.create({ data: code });
        await tx.outboxEvent.createMany({ data: toOutboxRows(events) });
      });
    },

    findPreAuthorizedCode: (codeHash) => client.preAuthorizedCode.findUnique({ where: { codeHash } }),

    async consumePreAuthorizedCode(codeHash, now, events) {
      const consume = (tx: Prisma.TransactionClient) =>
        tx.preAuthorizedCode.updateMany({
          where: {
            codeHash,
            consumedAt: null,
            expiresAt: { gt: now },
            txCodeAttempts: { lt: tx.preAuthorizedCode.fields.maxTxCodeAttempts },
          },
          data: { consumedAt: now },
        });
      if (events.length === 0) return (await consume(client)).count === 1;
      return atomically(async (tx) => {
        const { count } = await consume(tx);
        if (count === 1) await tx.outboxEvent.createMany({ data: toOutboxRows(events) });
        return count === 1;
      });
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
