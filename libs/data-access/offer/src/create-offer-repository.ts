import type { OutboxStore } from '@issuer/contracts-events';
import { claimEvent, createOutboxStore, createTransactionScope, transactionOptions, withinScope, directRawSql, type Database } from '@issuer/data-access-runtime';
import { PrismaClient } from './generated/client.js';
import { apiKeyStore, type ApiKeyStore } from './api-key-store.js';
import { credentialConfigurationStore, type CredentialConfigurationStore } from './credential-configuration-store.js';
import { issuanceStore, type IssuanceStore } from './issuance-store.js';
import { webhookStore, type WebhookStore } from './webhook-store.js';

/** Everything the offer schema holds, on the client or inside one transaction. */
export type OfferStore = IssuanceStore & WebhookStore;

const offerStore = (client: Parameters<typeof issuanceStore>[0]): OfferStore => ({ ...issuanceStore(client), ...webhookStore(client) });

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
   */
  markProcessedBatch(consumer: string, eventIds: string[], fn: (tx: OfferStore, freshIds: string[]) => Promise<void>): Promise<string[]>;
  close(): Promise<void>;
}

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
      prisma.$transaction(async (tx) => {
        const claimed = await tx.processedEvent.createManyAndReturn({
          data: [...new Set(eventIds)].map((eventId) => ({ consumer, eventId })),
          skipDuplicates: true,
          select: { eventId: true },
        });
        const claimedIds = new Set(claimed.map(({ eventId }) => eventId));
        const freshIds = eventIds.filter((eventId) => claimedIds.delete(eventId));
        if (freshIds.length === 0) return freshIds;
        const store = offerStore(tx);
        await scope.run(store, () => fn(store, freshIds));
        return freshIds;
      }),
    close: () => prisma.$disconnect(),
  };
}
