import { describe, expect, it } from '@jest/globals';
import { createPkcePair } from '@issuer/testing';
import { authorizationResponseUrl } from './authorization-response.js';
import { checkAuthorizationCode, type AuthorizationCodeRecord } from './authorization-code.js';

const NOW = 1_800_000_000;
const pkce = createPkcePair();
const record = (overrides: Partial<AuthorizationCodeRecord> = {}): AuthorizationCodeRecord => ({
  clientId: 'wallet-client',
  redirectUri: 'https://wallet.example/cb',
  codeChallenge: pkce.code_challenge,
  dpopJkt: null,
  codeExpiresAt: new Date((NOW + 60) * 1000),
  codeConsumedAt: null,
  ...overrides,
});
const request = { client_id: 'wallet-client', redirect_uri: 'https://wallet.example/cb', code_verifier: pkce.code_verifier };
const context = { now: NOW, clientId: undefined, dpopJkt: undefined, redirectUriPolicy: 'optional' as const };

const errorOf = (decision: ReturnType<typeof checkAuthorizationCode>) => (decision.ok ? undefined : { error: decision.error.error, reason: decision.error.reason, reused: decision.reused });

describe('checkAuthorizationCode (NEGATIVE-TESTS A10-A14)', () => {
  it('accepts the code with its verifier, client and redirect_uri', () => {
    expect(checkAuthorizationCode(record(), request, context)).toEqual({ ok: true, notes: [] });
  });

  it('refuses unknown, expired and (A12) reused codes, the last as a reuse', () => {
    expect(errorOf(checkAuthorizationCode(null, request, context))).toMatchObject({ error: 'invalid_grant', reused: false });
    expect(errorOf(checkAuthorizationCode(record({ codeExpiresAt: new Date(NOW * 1000) }), request, context))).toMatchObject({ error: 'invalid_grant', reason: expect.stringContaining('expired') });
    expect(errorOf(checkAuthorizationCode(record({ codeConsumedAt: new Date((NOW - 1) * 1000) }), request, context))).toMatchObject({ error: 'invalid_grant', reused: true });
  });

  it('A10/A11: refuses a missing or wrong code_verifier', () => {
    expect(errorOf(checkAuthorizationCode(record(), { ...request, code_verifier: undefined }, context))).toMatchObject({ error: 'invalid_grant', reason: 'code_verifier is missing' });
    expect(errorOf(checkAuthorizationCode(record(), { ...request, code_verifier: createPkcePair().code_verifier }, context))).toMatchObject({ error: 'invalid_grant', reason: 'code_verifier does not match the code_challenge' });
  });

  it('A13: refuses a code redeemed by another client, authenticated or named', () => {
    expect(errorOf(checkAuthorizationCode(record(), { ...request, client_id: 'other' }, context))).toMatchObject({ error: 'invalid_grant', reason: expect.stringContaining('not "other"') });
    expect(errorOf(checkAuthorizationCode(record(), request, { ...context, clientId: 'attested-other' }))).toMatchObject({ error: 'invalid_grant' });
  });

  it('A14: refuses a DPoP key other than the dpop_jkt of the authorization request, or none', () => {
    expect(errorOf(checkAuthorizationCode(record({ dpopJkt: 'jkt-a' }), request, { ...context, dpopJkt: 'jkt-b' }))).toMatchObject({ error: 'invalid_grant', reason: expect.stringContaining('jkt-b') });
    expect(errorOf(checkAuthorizationCode(record({ dpopJkt: 'jkt-a' }), request, context))).toMatchObject({ error: 'invalid_grant' });
    expect(checkAuthorizationCode(record({ dpopJkt: 'jkt-a' }), request, { ...context, dpopJkt: 'jkt-a' }).ok).toBe(true);
  });

  it('applies the redirect_uri policy: a different one always fails, a missing one only when required', () => {
    expect(errorOf(checkAuthorizationCode(record(), { ...request, redirect_uri: 'https://evil.example/cb' }, context))).toMatchObject({ error: 'invalid_grant' });
    const withoutRedirect = { client_id: request.client_id, code_verifier: request.code_verifier };
    expect(checkAuthorizationCode(record(), withoutRedirect, context)).toEqual({ ok: true, notes: [expect.stringContaining('TOKEN_REDIRECT_URI=optional')] });
    expect(errorOf(checkAuthorizationCode(record(), withoutRedirect, { ...context, redirectUriPolicy: 'required' }))).toMatchObject({ error: 'invalid_grant', reason: expect.stringContaining('redirect_uri is missing') });
  });
});

describe('authorizationResponseUrl (RFC 9207, NEGATIVE-TESTS A15)', () => {
  it('always carries iss, keeps the redirect_uri query and adds state', () => {
    const url = new URL(authorizationResponseUrl('https://wallet.example/cb?x=1', { code: 'c', state: 's', iss: 'https://issuer.example' }));
    expect(Object.fromEntries(url.searchParams)).toEqual({ x: '1', code: 'c', state: 's', iss: 'https://issuer.example' });
  });
});
