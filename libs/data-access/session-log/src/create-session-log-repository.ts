import type { OutboxStore } from '@issuer/contracts-events';
import { claimEvent, createOutboxStore, createTransactionScope, transactionOptions, withinScope, directRawSql, directTransaction, type Database } from '@issuer/data-access-runtime';
import { PrismaClient } from './generated/client.js';
import { sessionLogStore, type SessionLogStore } from './session-log-store.js';

export interface SessionLogRepository extends SessionLogStore {
  outbox: OutboxStore;
  /**
   * Runs `fn` and records `eventId` as handled by `consumer` in one transaction; false, without
   * running `fn`, when it was handled before. Calls `fn` makes on this repository (or on `tx`) join
   * the transaction.
   */
  markProcessed(consumer: string, eventId: string, fn: (tx: SessionLogStore) => Promise<void>): Promise<boolean>;
  close(): Promise<void>;
}

export function createSessionLogRepository(db: Database): SessionLogRepository {
  const prisma = new PrismaClient({ adapter: db.adapter(), transactionOptions });
  const direct = directRawSql(prisma, db);
  const scope = createTransactionScope<SessionLogStore>();
  return {
    ...withinScope(sessionLogStore(direct, (fn) => directTransaction(db, fn)), scope),
    outbox: createOutboxStore(direct, 'session_log'),
    markProcessed: (consumer, eventId, fn) =>
      prisma.$transaction(async (tx) => {
        if (!(await claimEvent(tx.processedEvent, consumer, eventId))) return false;
        const store = sessionLogStore(tx, (inner) => inner(tx));
        await scope.run(store, () => fn(store));
        return true;
      }),
    close: () => prisma.$disconnect(),
  };
}
