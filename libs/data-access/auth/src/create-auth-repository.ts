import type { OutboxStore } from '@issuer/contracts-events';
import { claimEvent, createDpopJtiStore, createOutboxStore, createTransactionScope, transactionOptions, withinScope, directRawSql, type Database } from '@issuer/data-access-runtime';
import { PrismaClient } from './generated/client.js';
import { authorizationRequestStore, type AuthorizationRequestStore } from './authorization-request-store.js';
import { preAuthorizedCodeStore, type PreAuthorizedCodeStore } from './pre-authorized-code-store.js';
import { refreshTokenStore, type RefreshTokenStore } from './refresh-token-store.js';

export interface AuthRepository extends PreAuthorizedCodeStore, AuthorizationRequestStore, RefreshTokenStore {
  /** RFC 9449 Section 11.1: true the first time a key uses `jti`, false on a replay. */
  consumeDpopJti(jkt: string, jti: string, expiresAt: Date): Promise<boolean>;
  outbox: OutboxStore;
  /** The issuance of the session was deleted: its pre-authorized codes, issuer_states and authorization requests whose code was not redeemed are removed. */
  withdrawIssuance(sessionId: string): Promise<void>;
  /**
   * Runs `fn` and records `eventId` as handled by `consumer` in one transaction; false, without
   * running `fn`, when it was handled before. Calls `fn` makes on this repository (or on `tx`) join
   * the transaction.
   */
  markProcessed(consumer: string, eventId: string, fn: (tx: PreAuthorizedCodeStore) => Promise<void>): Promise<boolean>;
  close(): Promise<void>;
}

export function createAuthRepository(db: Database): AuthRepository {
  const prisma = new PrismaClient({ adapter: db.adapter(), transactionOptions });
  const direct = directRawSql(prisma, db);
  const dpopJtis = createDpopJtiStore(direct, 'auth');
  const scope = createTransactionScope<PreAuthorizedCodeStore>();
  return {
    ...withinScope(preAuthorizedCodeStore(direct), scope),
    ...authorizationRequestStore(direct),
    ...refreshTokenStore(direct),
    consumeDpopJti: (jkt, jti, expiresAt) => dpopJtis.consume(jkt, jti, expiresAt),
    outbox: createOutboxStore(direct, 'auth'),
    async withdrawIssuance(sessionId) {
      await prisma.$transaction([
        prisma.preAuthorizedCode.deleteMany({ where: { sessionId } }),
        prisma.issuerState.deleteMany({ where: { sessionId } }),
        prisma.authorizationRequest.deleteMany({ where: { sessionId, codeConsumedAt: null } }),
      ]);
    },
    markProcessed: (consumer, eventId, fn) =>
      prisma.$transaction(async (tx) => {
        if (!(await claimEvent(tx.processedEvent, consumer, eventId))) return false;
        const store = preAuthorizedCodeStore(tx);
        await scope.run(store, () => fn(store));
        return true;
      }),
    async close() {
      await dpopJtis.settle();
      await prisma.$disconnect();
    },
  };
}
