import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { migrate, openDatabase, type Database } from '@issuer/data-access-runtime';
import { createOfferRepository, type OfferRepository } from './create-offer-repository.js';
import { offerMigrations } from './offer-migrations.js';

describe('webhook store on PGlite', () => {
  let db: Database;
  let repository: OfferRepository;

  beforeAll(async () => {
    db = await openDatabase({ kind: 'pglite', dataDir: null });
    await migrate(db, [offerMigrations]);
    repository = createOfferRepository(db);
  }, 60_000);

  afterAll(async () => {
    await repository?.close();
    await db?.close();
  });

  const newWebhook = () => repository.createWebhook({ id: randomUUID(), url: 'https://operator.example/hooks', events: ['credential_issued'], description: null, secret: 'whsec_c2VjcmV0' });
  const delivery = (webhookId: string, eventId = randomUUID()) => ({ id: randomUUID(), webhookId, eventId, eventType: 'credential_issued', body: `{"id":"${eventId}"}` });

  it('lists the webhooks as they were created, oldest first, outside and inside a transaction', async () => {
    const created = [await newWebhook(), await newWebhook()].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : 1));
    const listed = (await repository.listWebhooks()).filter((webhook) => created.some(({ id }) => id === webhook.id));
    expect(listed).toEqual(created);
    expect(listed[0]?.createdAt).toBeInstanceOf(Date);
    let inTransaction: unknown[] = [];
    await repository.markProcessedBatch('webhook-store-spec', [randomUUID()], async (tx) => {
      inTransaction = (await tx.listWebhooks()).filter((webhook) => created.some(({ id }) => id === webhook.id));
    });
    expect(inTransaction).toEqual(created);
  });

  it('records one delivery per webhook and event, however often the event comes', async () => {
    const webhook = await newWebhook();
    const first = delivery(webhook.id);
    expect(await repository.recordWebhookDeliveries([first])).toBe(1);
    expect(await repository.recordWebhookDeliveries([{ ...first, id: randomUUID() }])).toBe(0);
    const [stored] = await repository.listWebhookDeliveries(webhook.id, 10);
    expect(stored).toMatchObject({ id: first.id, eventId: first.eventId, state: 'pending', attempts: 0, lastStatusCode: null, nextAttemptAt: expect.any(Date) });
  });

  it('hands each due attempt to one claimer only, with the webhook url and secret', async () => {
    const webhook = await newWebhook();
    const recorded = [delivery(webhook.id), delivery(webhook.id), delivery(webhook.id)];
    await repository.recordWebhookDeliveries(recorded);

    const claims = await Promise.all([repository.claimDueWebhookDeliveries(100, 60), repository.claimDueWebhookDeliveries(100, 60)]);
    const mine = claims.flat().filter((claim) => recorded.some(({ id }) => id === claim.id));
    expect(mine.map(({ id }) => id).sort()).toEqual(recorded.map(({ id }) => id).sort());
    expect(mine[0]).toMatchObject({ attempt: 1, url: webhook.url, secret: webhook.secret });
    expect((await repository.claimDueWebhookDeliveries(100, 60)).filter((claim) => recorded.some(({ id }) => id === claim.id))).toEqual([]);
  });

  it('schedules a retry, takes it again when due, and ignores the outcome of an attempt claimed over', async () => {
    const webhook = await newWebhook();
    const recorded = delivery(webhook.id);
    await repository.recordWebhookDeliveries([recorded]);
    const claim = async () => (await repository.claimDueWebhookDeliveries(100, 0)).find(({ id }) => id === recorded.id);

    const first = await claim();
    expect(first?.attempt).toBe(1);
    expect(await repository.recordWebhookAttempt({ id: recorded.id, attempt: 1, delivered: false, statusCode: 500, error: 'HTTP 500', retryInSeconds: 0 })).toBe(true);
    const second = await claim();
    expect(second?.attempt).toBe(2);
    // The lease of 0 s ran out at once: a third claim takes the delivery over, the second's outcome no longer counts.
    const third = await claim();
    expect(third?.attempt).toBe(3);
    expect(await repository.recordWebhookAttempt({ id: recorded.id, attempt: 2, delivered: true, statusCode: 204, error: null, retryInSeconds: null })).toBe(false);
    expect(await repository.recordWebhookAttempt({ id: recorded.id, attempt: 3, delivered: true, statusCode: 200, error: null, retryInSeconds: null })).toBe(true);
    expect(await claim()).toBeUndefined();
    const [stored] = await repository.listWebhookDeliveries(webhook.id, 10);
    expect(stored).toMatchObject({ state: 'delivered', attempts: 3, lastStatusCode: 200, lastError: null, nextAttemptAt: null });
  });

  it('gives a delivery up after its last attempt, and deletes deliveries with their webhook', async () => {
    const webhook = await newWebhook();
    const recorded = delivery(webhook.id);
    await repository.recordWebhookDeliveries([recorded]);
    await repository.claimDueWebhookDeliveries(100, 60);
    await repository.recordWebhookAttempt({ id: recorded.id, attempt: 1, delivered: false, statusCode: null, error: 'ECONNREFUSED', retryInSeconds: null });
    expect(await repository.listWebhookDeliveries(webhook.id, 10)).toEqual([expect.objectContaining({ state: 'failed', attempts: 1, lastError: 'ECONNREFUSED', nextAttemptAt: null })]);

    expect(await repository.deleteWebhook(webhook.id)).toBe(true);
    expect(await repository.deleteWebhook(webhook.id)).toBe(false);
    expect(await repository.findWebhook(webhook.id)).toBeNull();
    expect(await repository.listWebhookDeliveries(webhook.id, 10)).toEqual([]);
  });
});
