import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { openTestDatabase, type TestDatabase } from '@issuer/data-access-runtime';
import { authMigrations } from './auth-migrations.js';
import { createAuthRepository, type AuthRepository } from './create-auth-repository.js';

const now = new Date('2026-11-23T12:00:00.000Z');
const later = (seconds: number) => new Date(now.getTime() + seconds * 1000);
const next = () => ({ tokenHash: randomUUID(), expiresAt: later(7200) });

describe.each(['PGlite', 'PostgreSQL'] as const)('refresh tokens on %s', (kind) => {
  let database: TestDatabase;
  let repository: AuthRepository;

  beforeAll(async () => {
    database = await openTestDatabase(kind, [authMigrations]);
    repository = createAuthRepository(database.db);
  }, 60_000);

  afterAll(async () => {
    await repository?.close();
    await database?.close();
  });

  /** An authorization whose code was redeemed: its family and first refresh token. */
  async function redeemedAuthorization(dpopJkt: string | null = 'jkt-a') {
    const requestUriHash = randomUUID();
    const codeHash = randomUUID();
    const sessionId = randomUUID();
    await repository.createAuthorizationRequest({
      requestUriHash,
      clientId: 'wallet-client',
      redirectUri: 'https://wallet.example/cb',
      codeChallenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      state: null,
      credentialConfigurationIds: ['eu.europa.ec.eudi.pid_vc_sd_jwt'],
      authorizationDetails: [{ type: 'openid_credential', credential_configuration_id: 'eu.europa.ec.eudi.pid_vc_sd_jwt' }],
      sessionId: null,
      issuanceId: null,
      compatibilityProfile: null,
      requireKeyAttestation: false,
      dpopJkt: null,
      holderAuthorizationEndpoint: null,
      nonce: null,
      expiresAt: later(60),
    });
    await repository.issueAuthorizationCode(requestUriHash, { codeHash, codeExpiresAt: later(60), subject: 'erika', sessionId, issuanceId: randomUUID() }, now);
    const first = { tokenHash: randomUUID(), expiresAt: later(3600), dpopJkt };
    expect(await repository.consumeAuthorizationCode(codeHash, now, first, [])).toBe(true);
    return { familyId: requestUriHash, sessionId, first };
  }

  it('issues the first refresh token with the code, bound to the DPoP key, and finds its authorization by it', async () => {
    const { familyId, sessionId, first } = await redeemedAuthorization();
    expect(await repository.findRefreshToken(first.tokenHash)).toEqual({
      tokenHash: first.tokenHash,
      familyId,
      issuedAt: now,
      expiresAt: later(3600),
      usedAt: null,
      dpopJkt: 'jkt-a',
      revokedAt: null,
      revocationReason: null,
      authorization: expect.objectContaining({ requestUriHash: familyId, clientId: 'wallet-client', sessionId, codeConsumedAt: now, credentialConfigurationIds: ['eu.europa.ec.eudi.pid_vc_sd_jwt'] }),
    });
    expect(await repository.findRefreshToken('unknown')).toBeNull();
    expect((await redeemedAuthorization(null)).first.dpopJkt).toBeNull();
  });

  it('rotates: the successor is current, the presented token is marked used', async () => {
    const { familyId, first } = await redeemedAuthorization();
    const second = next();
    expect(await repository.rotateRefreshToken(familyId, first.tokenHash, second, later(10))).toBe(true);
    expect(await repository.findRefreshToken(first.tokenHash)).toMatchObject({ usedAt: later(10), revokedAt: null });
    expect(await repository.findRefreshToken(second.tokenHash)).toMatchObject({ familyId, issuedAt: later(10), expiresAt: second.expiresAt, usedAt: null, dpopJkt: 'jkt-a' });
    expect(await repository.rotateRefreshToken(familyId, second.tokenHash, next(), later(20))).toBe(true);
  });

  it('of two concurrent uses of one refresh token exactly one succeeds, and the loser revokes the family', async () => {
    const { familyId, first } = await redeemedAuthorization();
    const successors = [next(), next()];
    const outcomes = await Promise.all(successors.map((successor) => repository.rotateRefreshToken(familyId, first.tokenHash, successor, later(10))));
    expect(outcomes.filter(Boolean)).toHaveLength(1);
    const winner = successors[outcomes.indexOf(true)]!;
    const loser = successors[outcomes.indexOf(false)]!;
    expect(await repository.findRefreshToken(winner.tokenHash)).toMatchObject({ revokedAt: later(10), revocationReason: 'refresh token used twice' });
    expect(await repository.findRefreshToken(loser.tokenHash)).toBeNull();
    expect(await repository.rotateRefreshToken(familyId, winner.tokenHash, next(), later(20))).toBe(false);
  });

  it('a token used before revokes the family, the current one included', async () => {
    const { familyId, first } = await redeemedAuthorization();
    const second = next();
    await repository.rotateRefreshToken(familyId, first.tokenHash, second, later(10));
    expect(await repository.rotateRefreshToken(familyId, first.tokenHash, next(), later(20))).toBe(false);
    expect(await repository.findRefreshToken(second.tokenHash)).toMatchObject({ usedAt: null, revokedAt: later(20), revocationReason: 'refresh token used twice' });
    expect(await repository.rotateRefreshToken(familyId, second.tokenHash, next(), later(30))).toBe(false);
  });

  it('revokes a family once, keeping the first time and reason', async () => {
    const { familyId, first } = await redeemedAuthorization();
    expect(await repository.revokeRefreshTokens(familyId, later(5), 'authorization code used twice')).toBe(true);
    expect(await repository.revokeRefreshTokens(familyId, later(6), 'refresh token used twice')).toBe(false);
    expect(await repository.revokeRefreshTokens(randomUUID(), later(6), 'authorization code used twice')).toBe(false);
    expect(await repository.findRefreshToken(first.tokenHash)).toMatchObject({ revokedAt: later(5), revocationReason: 'authorization code used twice' });
    expect(await repository.rotateRefreshToken(familyId, first.tokenHash, next(), later(10))).toBe(false);
  });
});
