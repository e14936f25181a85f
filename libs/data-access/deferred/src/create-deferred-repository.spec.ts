import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { migrate, openDatabase, type Database, type OutgoingEvent } from '@issuer/data-access-runtime';
import { createDeferredRepository, type DeferredRepository } from './create-deferred-repository.js';
import { deferredMigrations } from './deferred-migrations.js';
import type { NewDeferredTransaction } from './deferred-transaction.js';

const event = (subject: string, sessionId: string): OutgoingEvent => ({
  subject,
  envelope: { id: randomUUID(), type: subject, version: 1, occurredAt: new Date().toISOString(), sessionId, data: {} },
});

const newTransaction = (): NewDeferredTransaction => ({
  transactionId: randomUUID(),
  sessionId: 'session-1',
  issuanceId: 'issuance-1',
  credentialConfigurationId: 'eu.europa.ec.eudi.pid.1',
  holderJwks: [{ kty: 'EC', crv: 'P-256', x: 'f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU', y: 'x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0' }],
});

describe('deferred repository on PGlite', () => {
  let db: Database;
  let repository: DeferredRepository;
  const pendingIds = async () => (await repository.outbox.fetchPending(10_000)).map((record) => record.id);

  beforeAll(async () => {
    db = await openDatabase({ kind: 'pglite', dataDir: null });
    await migrate(db, [deferredMigrations]);
    repository = createDeferredRepository(db);
  }, 60_000);

  afterAll(async () => {
    await repository?.close();
    await db?.close();
  });

  it('creates a pending transaction with its event', async () => {
    const transaction = newTransaction();
    const deferred = event('issuance.credential.deferred', 'session-1');

    const created = await repository.createTransaction(transaction, [deferred]);

    expect(created).toEqual({ ...transaction, status: 'pending', claims: null, createdAt: expect.any(Date), readyAt: null, redeemedAt: null });
    expect(await repository.findTransaction(transaction.transactionId)).toEqual(created);
    expect(await repository.findTransaction('unknown')).toBeNull();
    expect(await pendingIds()).toContain(deferred.envelope.id);
  });

  it('goes pending → ready → redeemed, each step once, writing events only for steps taken', async () => {
    const transaction = newTransaction();
    await repository.createTransaction(transaction, []);
    const early = event('issuance.credential.issued', 'session-1');
    const ready = event('issuance.deferred.ready', 'session-1');
    const readyAgain = event('issuance.deferred.ready', 'session-1');
    const issued = event('issuance.credential.issued', 'session-1');
    const claims = { given_name: 'Erika', family_name: 'Mustermann' };

    expect(await repository.redeem(transaction.transactionId, [early])).toBe(false);
    expect(await repository.markReady(transaction.transactionId, claims, [ready])).toBe(true);
    expect(await repository.markReady(transaction.transactionId, { given_name: 'Other' }, [readyAgain])).toBe(false);
    expect(await repository.redeem(transaction.transactionId, [issued])).toBe(true);
    expect(await repository.redeem(transaction.transactionId)).toBe(false);

    const stored = await repository.findTransaction(transaction.transactionId);
    expect(stored).toMatchObject({ status: 'redeemed', claims, readyAt: expect.any(Date), redeemedAt: expect.any(Date) });
    const pending = await pendingIds();
    expect(pending).toEqual(expect.arrayContaining([ready.envelope.id, issued.envelope.id]));
    expect(pending).not.toContain(early.envelope.id);
    expect(pending).not.toContain(readyAgain.envelope.id);
  });

  it('lets only one of several concurrent redemptions deliver the credential', async () => {
    const transaction = newTransaction();
    await repository.createTransaction(transaction, []);
    await repository.markReady(transaction.transactionId, { given_name: 'Erika' });

    const results = await Promise.all(Array.from({ length: 5 }, () => repository.redeem(transaction.transactionId)));

    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('accepts a DPoP jti once per key', async () => {
    const expiresAt = new Date(Date.now() + 60_000);
    expect(await repository.consumeDpopJti('jkt', 'jti', expiresAt)).toBe(true);
    expect(await repository.consumeDpopJti('jkt', 'jti', expiresAt)).toBe(false);
  });

  it('marks a transaction ready once per claims event', async () => {
    const transaction = newTransaction();
    await repository.createTransaction(transaction, []);
    const eventId = randomUUID();
    const handle = () => repository.markProcessed('deferred-claims', eventId, (tx) => tx.markReady(transaction.transactionId, { age_over_18: true }).then(() => undefined));

    expect(await handle()).toBe(true);
    expect(await handle()).toBe(false);
    expect((await repository.findTransaction(transaction.transactionId))?.status).toBe('ready');
  });
});
