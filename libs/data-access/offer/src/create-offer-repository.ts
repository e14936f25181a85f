import type { OutboxStore } from '@issuer/contracts-events';
import { claimEvent, claimEvents, createOutboxStore, createTransactionScope, transactionOptions, withinScope, directRawSql, directTransaction, type Database, type RawSqlMethods } from '@issuer/data-access-runtime';
import { PrismaClient } from './generated/client.js';
import { apiKeyStore, type ApiKeyStore } from './api-key-store.js';
import { credentialConfigurationStore, type CredentialConfigurationStore } from './credential-configuration-store.js';
import { findIssuanceBy, issuanceStore, moveStatuses, type IssuanceStore } from './issuance-store.js';
import { listWebhooks, recordWebhookDeliveries, webhookStore, type WebhookStore } from './webhook-store.js';

/** Everything the offer schema holds, on the client or inside one transaction. */
export type OfferStore = IssuanceStore & WebhookStore;

const offerStore = (client: Parameters<typeof issuanceStore>[0]): OfferStore => ({ ...issuanceStore(client), ...webhookStore(client) });

/** What the event consumers change in one batch: raw SQL only, so a batch runs in one transaction on the driver. */
export type OfferBatchStore = Pick<IssuanceStore, 'moveStatuses' | 'findIssuanceBySessionId'> & Pick<WebhookStore, 'listWebhooks' | 'recordWebhookDeliveries'>;

const offerBatchStore = (client: RawSqlMethods): OfferBatchStore => ({
  moveStatuses: (moves) => moveStatuses(client, moves),
  findIssuanceBySessionId: (sessionId) => findIssuanceBy(client, 'sessionId', sessionId),
  listWebhooks: () => listWebhooks(client),
  recordWebhookDeliveries: (deliveries) => recordWebhookDeliveries(client, deliveries),
});

export interface OfferRepository extends OfferStore, ApiKeyStore, CredentialConfigurationStore {
  outbox: OutboxStore;
  /**
   * Runs `fn` and records `eventId` as handled by `consumer` in one transaction; false, without
   * running `fn`, when it was handled before. Calls `fn` makes on this repository (or on `tx`) join
   * the transaction.
   */
  markProcessed(consumer: string, eventId: string, fn: (tx: OfferStore) => Promise<void>): Promise<boolean>;
  /**
   * As `markProcessed` for many events in one transaction: records them all and runs `fn` with the
   * ids, in the given order, not handled before (not at all when there are none); returns those ids.
   * `fn` changes the batch through `tx` only: the transaction runs on the driver, not on this repository.
   */
  markProcessedBatch(consumer: string, eventIds: string[], fn: (tx: OfferBatchStore, freshIds: string[]) => Promise<void>): Promise<string[]>;
  close(): Promise<void>;
}

const outsideTheBatch = new Proxy({} as OfferStore, {
  get: (_, method) => () => Promise.reject(new Error(`${String(method)} called on the repository inside markProcessedBatch: use the batch's tx`)),
});

export function createOfferRepository(db: Database): OfferRepository {
  const prisma = new PrismaClient({ adapter: db.adapter(), transactionOptions });
  const direct = directRawSql(prisma, db);
  const scope = createTransactionScope<OfferStore>();
  return {
    ...withinScope(offerStore(direct), scope),
    ...apiKeyStore(direct),
    ...credentialConfigurationStore(direct),
    outbox: createOutboxStore(direct, 'offer'),
    markProcessed: (consumer, eventId, fn) =>
      prisma.$transaction(async (tx) => {
        if (!(await claimEvent(tx.processedEvent, consumer, eventId))) return false;
        const store = offerStore(tx);
        await scope.run(store, () => fn(store));
        return true;
      }),
    markProcessedBatch: (consumer, eventIds, fn) =>
      directTransaction(db, async (tx) => {
        const claimedIds = await claimEvents(tx, 'offer', consumer, eventIds);
        const freshIds = eventIds.filter((eventId) => claimedIds.delete(eventId));
        // A call on the repository would wait for this transaction to end (one PGlite connection): it fails instead.
        if (freshIds.length > 0) await scope.run(outsideTheBatch, () => fn(offerBatchStore(tx), freshIds));
        return freshIds;
      }),
    close: () => prisma.$disconnect(),
  };
}
