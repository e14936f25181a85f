import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { openTestDatabase, type OutgoingEvent, type TestDatabase } from '@issuer/data-access-runtime';
import { authMigrations } from './auth-migrations.js';
import type { NewAuthorizationRequest } from './authorization-request.js';
import { createAuthRepository, type AuthRepository } from './create-auth-repository.js';

const now = new Date('2026-11-23T12:00:00.000Z');
const later = (seconds: number) => new Date(now.getTime() + seconds * 1000);

const newRequest = (overrides: Partial<NewAuthorizationRequest> = {}): NewAuthorizationRequest => ({
  requestUriHash: randomUUID(),
  clientId: 'wallet-client',
  redirectUri: 'https://wallet.example/cb',
  codeChallenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
  state: 'af0ifjsldkj',
  credentialConfigurationIds: ['eu.europa.ec.eudi.pid_vc_sd_jwt'],
  authorizationDetails: [{ type: 'openid_credential', credential_configuration_id: 'eu.europa.ec.eudi.pid_vc_sd_jwt' }],
  sessionId: null,
  issuanceId: null,
  compatibilityProfile: null,
  requireKeyAttestation: false,
  testBehaviours: null,
  dpopJkt: null,
  holderAuthorizationEndpoint: null,
  nonce: null,
  expiresAt: later(60),
  ...overrides,
});

const code = (codeHash = randomUUID()) => ({ codeHash, codeExpiresAt: later(60), subject: 'erika', sessionId: randomUUID(), issuanceId: randomUUID() });

const tokenIssued = (): OutgoingEvent => ({
  subject: 'issuance.token.issued',
  envelope: { id: randomUUID(), type: 'issuance.token.issued', version: 1, occurredAt: now.toISOString(), sessionId: 's', data: {} },
});

describe.each(['PGlite', 'PostgreSQL'] as const)('authorization requests on %s', (kind) => {
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

  it('keeps an issuer_state by its hash', async () => {
    const state = { issuerStateHash: randomUUID(), sessionId: 's-1', issuanceId: 'i-1', credentialConfigurationIds: ['a', 'b'], compatibilityProfile: 'haip', requireKeyAttestation: true, requireWalletAttestation: false, testBehaviours: { reject_first_proof: true }, expiresAt: later(300) };
    await repository.registerIssuerState(state);
    expect(await repository.findIssuerState(state.issuerStateHash)).toEqual(state);
    expect(await repository.findIssuerState('unknown')).toBeNull();
  });

  it("keeps the issuance's test behaviours with the authorization request", async () => {
    const request = newRequest({ testBehaviours: { use_dpop_nonce: true } });
    await repository.createAuthorizationRequest(request);
    expect((await repository.findAuthorizationRequest(request.requestUriHash))?.testBehaviours).toEqual({ use_dpop_nonce: true });
  });

  it('issues one code per request_uri, and none once it expired', async () => {
    const request = newRequest();
    await repository.createAuthorizationRequest(request);
    expect(await repository.findAuthorizationRequest(request.requestUriHash)).toEqual({ ...request, subject: null, codeHash: null, codeExpiresAt: null, codeConsumedAt: null });

    const first = code();
    const results = await Promise.all([repository.issueAuthorizationCode(request.requestUriHash, first, now), repository.issueAuthorizationCode(request.requestUriHash, code(), now)]);
    expect(results.filter(Boolean)).toHaveLength(1);

    const expired = newRequest({ expiresAt: later(-1) });
    await repository.createAuthorizationRequest(expired);
    expect(await repository.issueAuthorizationCode(expired.requestUriHash, code(), now)).toBe(false);
  });

  it('keeps the holder\'s authorization_endpoint and nonce of an EBSI v4 request, and the DID as subject', async () => {
    const request = newRequest({ clientId: 'did:jwk:e30', holderAuthorizationEndpoint: 'openid://', nonce: 'wallet-nonce' });
    await repository.createAuthorizationRequest(request);
    expect(await repository.issueAuthorizationCode(request.requestUriHash, { ...code(), subject: 'did:jwk:e30' }, now)).toBe(true);
    expect(await repository.findAuthorizationRequest(request.requestUriHash)).toMatchObject({ holderAuthorizationEndpoint: 'openid://', nonce: 'wallet-nonce', subject: 'did:jwk:e30' });
  });

  it('redeems a code once, writing the events only for that one', async () => {
    const request = newRequest();
    await repository.createAuthorizationRequest(request);
    const issued = code();
    await repository.issueAuthorizationCode(request.requestUriHash, issued, now);
    expect(await repository.findByAuthorizationCode(issued.codeHash)).toMatchObject({ requestUriHash: request.requestUriHash, subject: 'erika', sessionId: issued.sessionId });

    const events = [tokenIssued(), tokenIssued()];
    const refreshTokens = events.map(() => ({ tokenHash: randomUUID(), expiresAt: later(3600), dpopJkt: 'jkt-a' }));
    const outcomes = await Promise.all(events.map((event, index) => repository.consumeAuthorizationCode(issued.codeHash, now, refreshTokens[index]!, [event])));
    expect(outcomes.filter(Boolean)).toHaveLength(1);
    const pending = (await repository.outbox.fetchPending(10_000)).map((record) => record.id);
    expect(events.filter((event) => pending.includes(event.envelope.id))).toHaveLength(1);
    expect((await repository.findByAuthorizationCode(issued.codeHash))?.codeConsumedAt).toEqual(now);
    // Only the redemption that won keeps its refresh token.
    const found = await Promise.all(refreshTokens.map((token) => repository.findRefreshToken(token.tokenHash)));
    expect(found.filter((token) => token !== null)).toHaveLength(1);
  });
});
