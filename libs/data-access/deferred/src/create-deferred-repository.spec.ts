import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { openTestDatabase, type OutgoingEvent, type TestDatabase } from '@issuer/data-access-runtime';
import { createDeferredRepository, type DeferredRepository } from './create-deferred-repository.js';
import { deferredMigrations } from './deferred-migrations.js';
import type { NewDeferredTransaction } from './deferred-transaction.js';

const PID = 'eu.europa.ec.eudi.pid.1';

const event = (subject: string, sessionId: string): OutgoingEvent => ({
  subject,
  envelope: { id: randomUUID(), type: subject, version: 1, occurredAt: new Date().toISOString(), sessionId, data: {} },
});

const newTransaction = (overrides: Partial<NewDeferredTransaction> = {}): NewDeferredTransaction => ({
  transactionId: randomUUID(),
  sessionId: 'session-1',
  issuanceId: randomUUID(),
  credentialConfigurationId: PID,
  holderJwks: [{ kty: 'EC', crv: 'P-256', x: 'f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU', y: 'x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0' }],
  ...overrides,
});

describe.each(['PGlite', 'PostgreSQL'] as const)('deferred repository on %s', (kind) => {
  let testDatabase: TestDatabase | undefined;
  let repository: DeferredRepository;
  const pendingIds = async () => (await repository.outbox.fetchPending(10_000)).map((record) => record.id);
  const issuanceOf = (transaction: NewDeferredTransaction) => ({ issuanceId: transaction.issuanceId, sessionId: transaction.sessionId });

  beforeAll(async () => {
    testDatabase = await openTestDatabase(kind, [deferredMigrations]);
    repository = createDeferredRepository(testDatabase.db);
  }, 60_000);

  afterAll(async () => {
    await repository?.close();
    await testDatabase?.close();
  });

  it('creates a pending transaction with its event', async () => {
    const transaction = newTransaction();
    const deferred = event('issuance.credential.deferred', 'session-1');

    const created = await repository.createTransaction(transaction, [deferred]);

    expect(created).toEqual({ ...transaction, readyAt: null, status: 'pending', createdAt: expect.any(Date), redeemedAt: null, deliveredAt: null, ready: false, denialReason: null });
    expect(await repository.findTransaction(transaction.transactionId)).toEqual(created);
    expect(await repository.findTransaction('unknown')).toBeNull();
    expect(await pendingIds()).toContain(deferred.envelope.id);
  });

  it('is ready once the claims of its configuration are supplied, whether before or after it was created', async () => {
    const early = newTransaction();
    await repository.recordClaimsSupplied(issuanceOf(early), [PID]);
    expect((await repository.createTransaction(early, [])).ready).toBe(true);

    const late = newTransaction();
    await repository.createTransaction(late, []);
    await repository.recordClaimsSupplied(issuanceOf(late), ['org.iso.18013.5.1.mDL']);
    expect((await repository.findTransaction(late.transactionId))?.ready).toBe(false);
    await repository.recordClaimsSupplied(issuanceOf(late), [PID]);
    await repository.recordClaimsSupplied(issuanceOf(late), [PID]);
    expect((await repository.findTransaction(late.transactionId))?.ready).toBe(true);
  });

  it('redeems only a ready transaction, once, writing events only for the redemption taken', async () => {
    const transaction = newTransaction();
    await repository.createTransaction(transaction, []);
    const early = event('issuance.credential.issued', 'session-1');
    const issued = event('issuance.credential.issued', 'session-1');
    const again = event('issuance.credential.issued', 'session-1');

    expect(await repository.redeem(transaction.transactionId, [early])).toBe(false);
    await repository.recordClaimsSupplied(issuanceOf(transaction), [PID]);
    expect(await repository.redeem(transaction.transactionId, [issued])).toBe(true);
    expect(await repository.redeem(transaction.transactionId, [again])).toBe(false);

    expect(await repository.findTransaction(transaction.transactionId)).toMatchObject({ status: 'redeemed', redeemedAt: expect.any(Date) });
    const pending = await pendingIds();
    expect(pending).toContain(issued.envelope.id);
    expect(pending).not.toContain(early.envelope.id);
    expect(pending).not.toContain(again.envelope.id);
  });

  it('records the delivery of a redeemed transaction once, writing its event only then', async () => {
    const transaction = newTransaction();
    await repository.createTransaction(transaction, []);
    const early = event('issuance.credential.acked', 'session-1');
    const acked = event('issuance.credential.acked', 'session-1');
    const again = event('issuance.credential.acked', 'session-1');

    expect(await repository.recordDelivery(transaction.transactionId, [early])).toBe(false);
    await repository.recordClaimsSupplied(issuanceOf(transaction), [PID]);
    expect(await repository.redeem(transaction.transactionId)).toBe(true);
    expect(await repository.recordDelivery(transaction.transactionId, [acked])).toBe(true);
    expect(await repository.recordDelivery(transaction.transactionId, [again])).toBe(false);

    expect(await repository.findTransaction(transaction.transactionId)).toMatchObject({ status: 'redeemed', deliveredAt: expect.any(Date) });
    const pending = await pendingIds();
    expect(pending).toContain(acked.envelope.id);
    expect(pending).not.toContain(early.envelope.id);
    expect(pending).not.toContain(again.envelope.id);
  });

  it('lets only one of several concurrent redemptions deliver the credentials', async () => {
    const transaction = newTransaction();
    await repository.createTransaction(transaction, []);
    await repository.recordClaimsSupplied(issuanceOf(transaction), [PID]);

    const results = await Promise.all(Array.from({ length: 8 }, () => repository.redeem(transaction.transactionId)));

    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('releases a redemption whose credentials could not be signed, so the wallet can ask again', async () => {
    const transaction = newTransaction();
    await repository.createTransaction(transaction, []);
    await repository.recordClaimsSupplied(issuanceOf(transaction), [PID]);
    expect(await repository.releaseRedemption(transaction.transactionId)).toBe(false);
    expect(await repository.redeem(transaction.transactionId)).toBe(true);

    expect(await repository.releaseRedemption(transaction.transactionId)).toBe(true);

    expect(await repository.findTransaction(transaction.transactionId)).toMatchObject({ status: 'pending', redeemedAt: null, ready: true });
    expect(await repository.redeem(transaction.transactionId)).toBe(true);
  });

  it('is ready from its readyAt (deferred_ready_after) without claims supplied, and redeemed once', async () => {
    const later = newTransaction({ readyAt: new Date(Date.now() + 60_000) });
    const due = newTransaction({ readyAt: new Date(Date.now() - 1_000) });
    await repository.createTransaction(later, []);
    await repository.createTransaction(due, []);

    expect(await repository.findTransaction(later.transactionId)).toMatchObject({ ready: false, readyAt: later.readyAt });
    expect(await repository.redeem(later.transactionId)).toBe(false);
    expect(await repository.findTransaction(due.transactionId)).toMatchObject({ ready: true, readyAt: due.readyAt });
    expect(await repository.redeem(due.transactionId)).toBe(true);
    expect(await repository.redeem(due.transactionId)).toBe(false);
  });

  it('never redeems a transaction past its readyAt once its issuance is denied', async () => {
    const transaction = newTransaction({ readyAt: new Date(Date.now() - 1_000) });
    await repository.createTransaction(transaction, []);
    await repository.recordDenial(issuanceOf(transaction), 'identity check failed');

    expect(await repository.findTransaction(transaction.transactionId)).toMatchObject({ ready: false, denialReason: 'identity check failed' });
    expect(await repository.redeem(transaction.transactionId)).toBe(false);
  });

  it('never redeems a transaction of a denied issuance, claims supplied or not, and keeps the first reason', async () => {
    const transaction = newTransaction();
    await repository.createTransaction(transaction, []);
    await repository.recordClaimsSupplied(issuanceOf(transaction), [PID]);
    await repository.recordDenial(issuanceOf(transaction), 'identity check failed');
    await repository.recordDenial(issuanceOf(transaction), 'second thoughts');

    expect(await repository.findTransaction(transaction.transactionId)).toMatchObject({ ready: false, denialReason: 'identity check failed' });
    expect(await repository.redeem(transaction.transactionId)).toBe(false);
  });

  it('accepts a DPoP jti once per key', async () => {
    const expiresAt = new Date(Date.now() + 60_000);
    const jti = randomUUID();
    expect(await repository.consumeDpopJti('jkt', jti, expiresAt)).toBe(true);
    expect(await repository.consumeDpopJti('jkt', jti, expiresAt)).toBe(false);
  });

  it('applies a claims event once, and nothing of a handler that fails', async () => {
    const transaction = newTransaction();
    await repository.createTransaction(transaction, []);
    const eventId = randomUUID();
    const handle = () => repository.markProcessed('deferred-decisions', eventId, (tx) => tx.recordClaimsSupplied(issuanceOf(transaction), [PID]));
    const failing = () =>
      repository.markProcessed('deferred-decisions', randomUUID(), async (tx) => {
        await tx.recordDenial(issuanceOf(transaction), 'rolled back');
        throw new Error('handler failed');
      });

    await expect(failing()).rejects.toThrow('handler failed');
    expect(await handle()).toBe(true);
    expect(await handle()).toBe(false);
    expect(await repository.findTransaction(transaction.transactionId)).toMatchObject({ ready: true, denialReason: null });
  });
});
