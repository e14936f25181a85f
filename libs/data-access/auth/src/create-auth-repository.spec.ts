import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  createDpopJtiStore,
  directRawSql,
  createThrowawayDatabase,
  migrate,
  openDatabase,
  postgresTestServerUrl,
  type Database,
  type OutgoingEvent,
  type ThrowawayDatabase,
} from '@issuer/data-access-runtime';
import { authMigrations } from './auth-migrations.js';
import { createAuthRepository, type AuthRepository } from './create-auth-repository.js';
import { PrismaClient } from './generated/client.js';
import type { NewPreAuthorizedCode } from './pre-authorized-code.js';

const now = new Date('2026-11-22T12:00:00.000Z');

const tokenIssued = (sessionId: string): OutgoingEvent => ({
  subject: 'issuance.token.issued',
  envelope: { id: randomUUID(), type: 'issuance.token.issued', version: 1, occurredAt: now.toISOString(), sessionId, data: {} },
});

const newCode = (overrides: Partial<NewPreAuthorizedCode> = {}): NewPreAuthorizedCode => ({
  codeHash: randomUUID(),
  sessionId: randomUUID(),
  issuanceId: randomUUID(),
  credentialConfigurationIds: ['eu.europa.ec.eudi.pid.1', 'org.iso.18013.5.1.mDL'],
  txCodeHash: 'tx-code-hash',
  maxTxCodeAttempts: 3,
  expiresAt: new Date(now.getTime() + 300_000),
  ...overrides,
});

const pendingIds = async (repository: AuthRepository) => (await repository.outbox.fetchPending(10_000)).map((record) => record.id);

describe('auth repository on PGlite', () => {
  let db: Database;
  let repository: AuthRepository;

  beforeAll(async () => {
    db = await openDatabase({ kind: 'pglite', dataDir: null });
    await migrate(db, [authMigrations]);
    repository = createAuthRepository(db);
  }, 60_000);

  afterAll(async () => {
    await repository?.close();
    await db?.close();
  });

  it('registers a pre-authorized code and finds it by its hash', async () => {
    const code = newCode();
    await repository.registerPreAuthorizedCode(code);

    expect(await repository.findPreAuthorizedCode(code.codeHash)).toEqual({
      ...code,
      compatibilityProfile: null,
      requireKeyAttestation: false,
      requireWalletAttestation: false,
      testBehaviours: null,
      txCodeAttempts: 0,
      consumedAt: null,
      createdAt: expect.any(Date),
    });
    expect(await repository.findPreAuthorizedCode('unknown')).toBeNull();
  });

  it("keeps the issuance's require_key_attestation and require_wallet_attestation with the code", async () => {
    const code = newCode({ requireKeyAttestation: true, requireWalletAttestation: true });
    await repository.registerPreAuthorizedCode(code);
    expect(await repository.findPreAuthorizedCode(code.codeHash)).toMatchObject({ requireKeyAttestation: true, requireWalletAttestation: true });
  });

  it("keeps the issuance's test behaviours with the code, and none when it has none", async () => {
    const code = newCode({ testBehaviours: { use_dpop_nonce: true, pre_authorized_code_expires_in: 30 } });
    await repository.registerPreAuthorizedCode(code);
    expect((await repository.findPreAuthorizedCode(code.codeHash))?.testBehaviours).toEqual({ use_dpop_nonce: true, pre_authorized_code_expires_in: 30 });
    const plain = newCode();
    await repository.registerPreAuthorizedCode(plain);
    expect((await repository.findPreAuthorizedCode(plain.codeHash))?.testBehaviours).toBeNull();
  });

  it("keeps the issuance's own compatibility profile with the code", async () => {
    const code = newCode({ compatibilityProfile: 'strict-1.0' });
    await repository.registerPreAuthorizedCode(code);
    expect((await repository.findPreAuthorizedCode(code.codeHash))?.compatibilityProfile).toBe('strict-1.0');
  });

  it('consumes a code once, writing the event only with the successful consumption', async () => {
    const code = newCode();
    await repository.registerPreAuthorizedCode(code);
    const first = tokenIssued(code.sessionId);
    const replay = tokenIssued(code.sessionId);

    expect(await repository.consumePreAuthorizedCode(code.codeHash, now, [first])).toBe(true);
    expect(await repository.consumePreAuthorizedCode(code.codeHash, now, [replay])).toBe(false);

    expect((await repository.findPreAuthorizedCode(code.codeHash))?.consumedAt).toEqual(now);
    const pending = await pendingIds(repository);
    expect(pending).toContain(first.envelope.id);
    expect(pending).not.toContain(replay.envelope.id);
  });

  it('does not consume an expired code', async () => {
    const code = newCode({ expiresAt: now });
    await repository.registerPreAuthorizedCode(code);

    expect(await repository.consumePreAuthorizedCode(code.codeHash, now, [])).toBe(false);
    expect(await repository.consumePreAuthorizedCode(code.codeHash, new Date(now.getTime() - 1), [])).toBe(true);
  });

  it('counts wrong tx_codes and stops the code at the attempt limit', async () => {
    const code = newCode({ maxTxCodeAttempts: 2 });
    await repository.registerPreAuthorizedCode(code);

    expect(await repository.recordTxCodeFailure(code.codeHash)).toBe(1);
    expect(await repository.recordTxCodeFailure(code.codeHash)).toBe(2);

    expect(await repository.consumePreAuthorizedCode(code.codeHash, now, [])).toBe(false);
    expect((await repository.findPreAuthorizedCode(code.codeHash))?.consumedAt).toBeNull();
  });

  it('does not consume an unknown code', async () => {
    expect(await repository.consumePreAuthorizedCode('unknown', now, [tokenIssued('s')])).toBe(false);
  });

  it("withdraws a deleted issuance's pre-authorized code and issuer_state, and only that session's", async () => {
    const withdrawn = newCode();
    const kept = newCode();
    await repository.registerPreAuthorizedCode(withdrawn);
    await repository.registerPreAuthorizedCode(kept);
    const issuerState = { issuerStateHash: randomUUID(), sessionId: withdrawn.sessionId, issuanceId: withdrawn.issuanceId, credentialConfigurationIds: ['eu.europa.ec.eudi.pid.1'], compatibilityProfile: null, requireKeyAttestation: false, requireWalletAttestation: false, expiresAt: withdrawn.expiresAt };
    await repository.registerIssuerState(issuerState);

    await repository.withdrawIssuance(withdrawn.sessionId);

    expect(await repository.findPreAuthorizedCode(withdrawn.codeHash)).toBeNull();
    expect(await repository.findIssuerState(issuerState.issuerStateHash)).toBeNull();
    expect(await repository.findPreAuthorizedCode(kept.codeHash)).toMatchObject({ sessionId: kept.sessionId });
    expect(await repository.consumePreAuthorizedCode(withdrawn.codeHash, now, [])).toBe(false);
  });

  it('accepts a DPoP jti once per key', async () => {
    const expiresAt = new Date(Date.now() + 60_000);
    expect(await repository.consumeDpopJti('jkt-1', 'jti-1', expiresAt)).toBe(true);
    expect(await repository.consumeDpopJti('jkt-1', 'jti-1', expiresAt)).toBe(false);
    expect(await repository.consumeDpopJti('jkt-2', 'jti-1', expiresAt)).toBe(true);
  });

  it('gives one of many concurrent uses of a DPoP jti the jti, whether they share a statement or not', async () => {
    const expiresAt = new Date(Date.now() + 60_000);
    const uses = await Promise.all(
      Array.from({ length: 12 }, (_, index) => repository.consumeDpopJti('jkt-race', index % 3 === 0 ? 'jti-shared' : `jti-own-${index}`, expiresAt)),
    );
    expect(uses.filter((first, index) => index % 3 === 0 && first)).toHaveLength(1);
    expect(uses.filter((first, index) => index % 3 !== 0 && first)).toHaveLength(8);
    expect(await repository.consumeDpopJti('jkt-race', 'jti-own-1', expiresAt)).toBe(false);
  });

  it('purges expired DPoP jtis and keeps the live ones', async () => {
    const prisma = new PrismaClient({ adapter: db.adapter() });
    try {
      const store = createDpopJtiStore(directRawSql(prisma, db), 'auth', { purgeEveryMs: 0 });
      await prisma.dpopJti.createMany({ data: [{ jkt: 'purge', jti: 'expired', expiresAt: new Date(Date.now() - 1_000) }] });

      expect(await store.consume('purge', 'live', new Date(Date.now() + 60_000))).toBe(true);
      await store.settle();

      expect((await prisma.dpopJti.findMany({ where: { jkt: 'purge' } })).map((row) => row.jti)).toEqual(['live']);
    } finally {
      await prisma.$disconnect();
    }
  });

  it('records a handled event with the writes of its handler', async () => {
    const code = newCode();
    const eventId = randomUUID();
    expect(await repository.markProcessed('auth-registrations', eventId, (tx) => tx.registerPreAuthorizedCode(code))).toBe(true);
    expect(await repository.markProcessed('auth-registrations', eventId, (tx) => tx.registerPreAuthorizedCode(newCode()))).toBe(false);
    expect(await repository.findPreAuthorizedCode(code.codeHash)).not.toBeNull();
  });
});

const serverUrl = postgresTestServerUrl();
describe('auth repository on PostgreSQL', () => {
  let throwaway: ThrowawayDatabase;
  let db: Database;
  let repository: AuthRepository;

  beforeAll(async () => {
    throwaway = await createThrowawayDatabase(serverUrl);
    db = await openDatabase({ kind: 'postgres', url: throwaway.url, poolMax: 20 });
    await migrate(db, [authMigrations]);
    repository = createAuthRepository(db);
  }, 30_000);

  afterAll(async () => {
    await repository?.close();
    await db?.close();
    await throwaway?.drop();
  });

  it('gives exactly one of 20 concurrent token requests the code, and writes one event', async () => {
    const code = newCode();
    await repository.registerPreAuthorizedCode(code);
    const events = Array.from({ length: 20 }, () => tokenIssued(code.sessionId));

    const results = await Promise.all(events.map((event) => repository.consumePreAuthorizedCode(code.codeHash, now, [event])));

    expect(results.filter(Boolean)).toHaveLength(1);
    const winner = events[results.indexOf(true)];
    const pending = await pendingIds(repository);
    expect(pending.filter((id) => events.some((event) => event.envelope.id === id))).toEqual([winner?.envelope.id]);
  }, 30_000);

  it('accepts a DPoP jti once among 20 concurrent uses', async () => {
    const expiresAt = new Date(Date.now() + 60_000);
    const results = await Promise.all(Array.from({ length: 20 }, () => repository.consumeDpopJti('jkt', 'jti', expiresAt)));
    expect(results.filter(Boolean)).toHaveLength(1);
  }, 30_000);
});
