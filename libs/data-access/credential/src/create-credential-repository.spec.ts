import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { openTestDatabase, type OutgoingEvent, type TestDatabase } from '@issuer/data-access-runtime';
import { createCredentialRepository, type CredentialRepository } from './create-credential-repository.js';
import { credentialMigrations } from './credential-migrations.js';
import type { NewIssuedCredential } from './issued-credential.js';

const event = (subject: string, sessionId: string): OutgoingEvent => ({
  subject,
  envelope: { id: randomUUID(), type: subject, version: 1, occurredAt: new Date().toISOString(), sessionId, data: {} },
});

const issued = (overrides: Partial<NewIssuedCredential> = {}): NewIssuedCredential => ({
  sessionId: 'session-1',
  issuanceId: 'issuance-1',
  credentialConfigurationId: 'eu.europa.ec.eudi.pid.1',
  format: 'dc+sd-jwt',
  notificationId: randomUUID(),
  holderJkt: randomUUID(),
  proofHash: randomUUID(),
  ...overrides,
});

describe.each(['PGlite', 'PostgreSQL'] as const)('credential repository on %s', (kind) => {
  let testDatabase: TestDatabase | undefined;
  let repository: CredentialRepository;
  const pendingIds = async () => (await repository.outbox.fetchPending(10_000)).map((record) => record.id);

  beforeAll(async () => {
    testDatabase = await openTestDatabase(kind, [credentialMigrations]);
    repository = createCredentialRepository(testDatabase.db);
  }, 60_000);

  afterAll(async () => {
    await repository?.close();
    await testDatabase?.close();
  });

  it('records the credentials of one response with their event, findable by notification_id', async () => {
    const notificationId = randomUUID();
    const batch = [issued({ notificationId }), issued({ notificationId })];
    const issuedEvent = event('issuance.credential.issued', 'session-1');

    expect(await repository.recordIssued(batch, [issuedEvent])).toEqual({ ok: true });

    const found = await repository.findByNotificationId(notificationId);
    expect(found).toMatchObject({ sessionId: 'session-1', issuanceId: 'issuance-1', notificationId, id: expect.any(String) });
    expect(batch.map((credential) => credential.proofHash)).toContain(found?.proofHash);
    expect(await repository.findByNotificationId('unknown')).toBeNull();
    expect(await pendingIds()).toContain(issuedEvent.envelope.id);
  });

  it('records credentials whose key proofs were claimed before, keeping the proof hash', async () => {
    const claimed = issued();
    expect(await repository.useKeyProofs([claimed.proofHash!], 'session-1')).toBe(true);

    expect(await repository.recordIssued([claimed], [], { keyProofsClaimed: true })).toEqual({ ok: true });

    expect((await repository.findByNotificationId(claimed.notificationId))?.proofHash).toBe(claimed.proofHash);
    expect(await repository.useKeyProofs([claimed.proofHash!], 'session-1')).toBe(false);
  });

  it('refuses a key proof used before and records nothing of that response', async () => {
    const used = issued();
    await repository.recordIssued([used], []);
    const fresh = issued();
    const retry = event('issuance.credential.issued', 'session-1');

    expect(await repository.recordIssued([fresh, issued({ proofHash: used.proofHash })], [retry])).toEqual({ ok: false, reason: 'proof_reused' });

    expect(await repository.findByNotificationId(fresh.notificationId)).toBeNull();
    expect(await pendingIds()).not.toContain(retry.envelope.id);
  });

  it('refuses one key proof used twice in the same response', async () => {
    const proofHash = randomUUID();
    const notificationId = randomUUID();
    expect(await repository.recordIssued([issued({ proofHash, notificationId }), issued({ proofHash, notificationId })], [])).toEqual({
      ok: false,
      reason: 'proof_reused',
    });
    expect(await repository.findByNotificationId(notificationId)).toBeNull();
  });

  it('records a key proof for one of 20 concurrent requests, with one event', async () => {
    const proofHash = randomUUID();
    const events = Array.from({ length: 20 }, () => event('issuance.credential.issued', 'session-1'));

    const results = await Promise.all(events.map((issuedEvent) => repository.recordIssued([issued({ proofHash })], [issuedEvent])));

    expect(results.filter((result) => result.ok)).toHaveLength(1);
    const pending = await pendingIds();
    expect(events.filter((issuedEvent) => pending.includes(issuedEvent.envelope.id))).toHaveLength(1);
  });

  it('uses the key proofs of a deferred request once, and not again for an immediate one, nor the reverse', async () => {
    const [deferredProof, otherProof, immediateProof] = [randomUUID(), randomUUID(), randomUUID()];
    expect(await repository.useKeyProofs([deferredProof, otherProof], 'session-1')).toBe(true);
    expect(await repository.useKeyProofs([randomUUID(), otherProof], 'session-2')).toBe(false);
    expect(await repository.recordIssued([issued({ proofHash: deferredProof })], [])).toEqual({ ok: false, reason: 'proof_reused' });

    expect(await repository.recordIssued([issued({ proofHash: immediateProof })], [])).toEqual({ ok: true });
    const fresh = randomUUID();
    expect(await repository.useKeyProofs([fresh, immediateProof], 'session-3')).toBe(false);
    expect(await repository.useKeyProofs([fresh], 'session-3')).toBe(true);
  });

  it('uses a key proof for one of 10 concurrent deferred requests', async () => {
    const proofHash = randomUUID();
    const results = await Promise.all(Array.from({ length: 10 }, () => repository.useKeyProofs([proofHash], 'session-1')));
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('applies a test behaviour once per session, for one of 10 concurrent requests', async () => {
    const sessionId = randomUUID();
    const results = await Promise.all(Array.from({ length: 10 }, () => repository.applyTestBehaviourOnce(sessionId, 'reject_first_proof')));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await repository.applyTestBehaviourOnce(sessionId, 'reject_first_proof')).toBe(false);
    expect(await repository.applyTestBehaviourOnce(sessionId, 'another_behaviour')).toBe(true);
    expect(await repository.applyTestBehaviourOnce(randomUUID(), 'reject_first_proof')).toBe(true);
  });

  it('records credentials issued without holder binding', async () => {
    const notificationId = randomUUID();
    const unbound = [issued({ notificationId, holderJkt: null, proofHash: null }), issued({ notificationId, holderJkt: null, proofHash: null })];
    expect(await repository.recordIssued(unbound, [])).toEqual({ ok: true });
    expect((await repository.findByNotificationId(notificationId))?.proofHash).toBeNull();
  });

  it('records each notification event once, writing its event only the first time', async () => {
    const notificationId = randomUUID();
    const accepted = event('issuance.credential.accepted', 'session-1');
    const repeated = event('issuance.credential.accepted', 'session-1');
    const deleted = event('issuance.credential.deleted', 'session-1');

    expect(await repository.recordNotification({ notificationId, event: 'credential_accepted', description: 'stored' }, [accepted])).toBe('recorded');
    expect(await repository.recordNotification({ notificationId, event: 'credential_accepted' }, [repeated])).toBe('duplicate');
    expect(await repository.recordNotification({ notificationId, event: 'credential_deleted' }, [deleted])).toBe('recorded');

    const pending = await pendingIds();
    expect(pending).toEqual(expect.arrayContaining([accepted.envelope.id, deleted.envelope.id]));
    expect(pending).not.toContain(repeated.envelope.id);
  });

  it('accepts a DPoP jti once per key', async () => {
    const expiresAt = new Date(Date.now() + 60_000);
    expect(await repository.consumeDpopJti('jkt', 'jti', expiresAt)).toBe(true);
    expect(await repository.consumeDpopJti('jkt', 'jti', expiresAt)).toBe(false);
  });

  it('runs a consumer once per event', async () => {
    const eventId = randomUUID();
    const notificationId = randomUUID();
    const handle = () =>
      repository.markProcessed('credential-status', eventId, async (tx) => {
        await tx.recordNotification({ notificationId, event: 'credential_failure' }, []);
      });

    expect(await handle()).toBe(true);
    expect(await handle()).toBe(false);
    expect(await repository.recordNotification({ notificationId, event: 'credential_failure' }, [])).toBe('duplicate');
  });
});
