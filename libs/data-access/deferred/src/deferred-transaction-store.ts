import { toOutboxRows, type OutgoingEvent } from '@issuer/data-access-runtime';
import type { Prisma, DeferredTransaction as DeferredTransactionRow } from './generated/client.js';
import type { DeferredStatus, DeferredTransaction, NewDeferredTransaction } from './deferred-transaction.js';

/** The deferred schema's reads and writes, on the client or inside one transaction. */
export interface DeferredTransactionStore {
  createTransaction(transaction: NewDeferredTransaction, events: OutgoingEvent[]): Promise<DeferredTransaction>;
  findTransaction(transactionId: string): Promise<DeferredTransaction | null>;
  /** pending → ready with the claims to issue; false when not pending. Events only when it moved. */
  markReady(transactionId: string, claims: Record<string, unknown>, events?: OutgoingEvent[]): Promise<boolean>;
  /** ready → redeemed, once: true for the one caller that delivers the credential. Events only then. */
  redeem(transactionId: string, events?: OutgoingEvent[]): Promise<boolean>;
}

type Atomically = <T>(fn: (tx: Prisma.TransactionClient) => Promise<T>) => Promise<T>;

export function deferredTransactionStore(client: Prisma.TransactionClient, atomically: Atomically): DeferredTransactionStore {
  const transition = async (
    update: (tx: Prisma.TransactionClient) => Promise<{ count: number }>,
    events: OutgoingEvent[],
  ): Promise<boolean> => {
    if (events.length === 0) return (await update(client)).count === 1;
    return atomically(async (tx) => {
      const { count } = await update(tx);
      if (count === 1) await tx.outboxEvent.createMany({ data: toOutboxRows(events) });
      return count === 1;
    });
  };

  return {
    async createTransaction(transaction, events) {
      const data = { ...transaction, holderJwks: transaction.holderJwks as Prisma.InputJsonArray, status: 'pending' satisfies DeferredStatus };
      if (events.length === 0) return toDeferredTransaction(await client.deferredTransaction.create({ data }));
      const row = await atomically(async (tx) => {
        const created = await tx.deferredTransaction.create({ data });
        await tx.outboxEvent.createMany({ data: toOutboxRows(events) });
        return created;
      });
      return toDeferredTransaction(row);
    },

    async findTransaction(transactionId) {
      const row = await client.deferredTransaction.findUnique({ where: { transactionId } });
      return row ? toDeferredTransaction(row) : null;
    },

    markReady: (transactionId, claims, events = []) =>
      transition(
        (tx) =>
          tx.deferredTransaction.updateMany({
            where: { transactionId, status: 'pending' },
            data: { status: 'ready', claims: claims as Prisma.InputJsonObject, readyAt: new Date() },
          }),
        events,
      ),

    redeem: (transactionId, events = []) =>
      transition(
        (tx) =>
          tx.deferredTransaction.updateMany({
            where: { transactionId, status: 'ready' },
            data: { status: 'redeemed', redeemedAt: new Date() },
          }),
        events,
      ),
  };
}

function toDeferredTransaction(row: DeferredTransactionRow): DeferredTransaction {
  return {
    ...row,
    holderJwks: row.holderJwks as object[],
    status: row.status as DeferredStatus,
    claims: row.claims as Record<string, unknown> | null,
  };
}
