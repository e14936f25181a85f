import type { OutboxStore } from '@issuer/contracts-events';
import { claimEvent, createDpopJtiStore, createOutboxStore, createTransactionScope, transactionOptions, withinScope, directRawSql, type Database } from '@issuer/data-access-runtime';
import { PrismaClient } from './generated/client.js';
import { credentialStore, type CredentialStore } from './credential-store.js';

export interface CredentialRepository extends CredentialStore {
  /** RFC 9449 Section 11.1: true the first time a key uses `jti`, false on a replay. */
  consumeDpopJti(jkt: string, jti: string, expiresAt: Date): Promise<boolean>;
  outbox: OutboxStore;
  /**
   * Runs `fn` and records `eventId` as handled by `consumer` in one transaction; false, without
   * running `fn`, when it was handled before. Calls `fn` makes on this repository (or on `tx`) join
   * the transaction.
   */
  markProcessed(consumer: string, eventId: string, fn: (tx: CredentialStore) => Promise<void>): Promise<boolean>;
  close(): Promise<void>;
}

export function createCredentialRepository(db: Database): CredentialRepository {
  const prisma = new PrismaClient({ adapter: db.adapter(), transactionOptions });
  const direct = directRawSql(prisma, db);
  const dpopJtis = createDpopJtiStore(direct, 'credential');
  const scope = createTransactionScope<CredentialStore>();
  return {
    ...withinScope(credentialStore(direct), scope),
    consumeDpopJti: (jkt, jti, expiresAt) => dpopJtis.consume(jkt, jti, expiresAt),
    outbox: createOutboxStore(direct, 'credential'),
    markProcessed: (consumer, eventId, fn) =>
      prisma.$transaction(async (tx) => {
        if (!(await claimEvent(tx.processedEvent, consumer, eventId))) return false;
        const store = credentialStore(tx);
        await scope.run(store, () => fn(store));
        return true;
      }),
    async close() {
      await dpopJtis.settle();
      await prisma.$disconnect();
    },
  };
}
