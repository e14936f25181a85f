import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createThrowawayDatabase, migrate, openDatabase, postgresTestServerUrl, type Database, type ThrowawayDatabase } from '@issuer/data-access-runtime';
import { createOfferRepository, type OfferRepository } from './create-offer-repository.js';
import { offerMigrations } from './offer-migrations.js';

// Two replicas of the offer-service, each with its own pool, claim from the same table.
describe('webhook deliveries claimed by competing workers, on PostgreSQL', () => {
  let throwaway: ThrowawayDatabase;
  const databases: Database[] = [];
  const replicas: OfferRepository[] = [];

  beforeAll(async () => {
    throwaway = await createThrowawayDatabase(postgresTestServerUrl());
    for (let i = 0; i < 2; i++) {
      const db = await openDatabase({ kind: 'postgres', url: throwaway.url, poolMax: 4 });
      if (i === 0) await migrate(db, [offerMigrations]);
      databases.push(db);
      replicas.push(createOfferRepository(db));
    }
  }, 60_000);

  afterAll(async () => {
    for (const repository of replicas) await repository.close();
    for (const db of databases) await db.close();
    await throwaway?.drop();
  });

  it('hands every due attempt to exactly one of them', async () => {
    const [first] = replicas;
    if (!first) throw new Error('no replica');
    const webhook = await first.createWebhook({ id: randomUUID(), url: 'https://operator.example/hooks', events: ['credential_issued'], description: null, secret: 'whsec_c2VjcmV0' });
    const ids = Array.from({ length: 60 }, () => randomUUID());
    await first.recordWebhookDeliveries(ids.map((id) => ({ id, webhookId: webhook.id, eventId: randomUUID(), eventType: 'credential_issued', body: '{}' })));

    const claimed: string[] = [];
    const worker = async (repository: OfferRepository) => {
      for (;;) {
        const batch = await repository.claimDueWebhookDeliveries(4, 60);
        if (batch.length === 0) return;
        claimed.push(...batch.map(({ id }) => id));
      }
    };
    await Promise.all(replicas.flatMap((repository) => [worker(repository), worker(repository), worker(repository)]));

    expect(claimed).toHaveLength(ids.length);
    expect([...claimed].sort()).toEqual([...ids].sort());
  });
});
