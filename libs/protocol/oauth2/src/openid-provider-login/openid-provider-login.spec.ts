import { describe, expect, it } from '@jest/globals';
import { sha256Base64url } from '@issuer/crypto';
import { checkOpenIdProviderIdToken } from './check-openid-provider-id-token.js';
import { openIdProviderAuthorizationUrl } from './openid-provider-authorization-url.js';
import { openOpenIdProviderLoginState, sealOpenIdProviderLoginState } from './openid-provider-login-state.js';

const NOW = 1_800_000_000;
const SECRET = 'a-secret-of-at-least-sixteen-bytes';
const OP = 'https://op.example';
const CLIENT = 'issuer-client';

describe('the sealed state of a login at the OpenID Provider', () => {
  const state = { requestUri: 'urn:ietf:params:oauth:request_uri:abc', nonce: 'n-1', codeVerifier: 'v'.repeat(43), expiresAt: NOW + 90 };

  it('opens with the same secret only, and hides the request_uri and the verifier', () => {
    const sealed = sealOpenIdProviderLoginState(state, SECRET);
    expect(openOpenIdProviderLoginState(sealed, SECRET)).toEqual(state);
    expect(sealed).not.toContain('request_uri');
    expect(Buffer.from(sealed, 'base64url').toString('latin1')).not.toContain('vvvv');
    expect(openOpenIdProviderLoginState(sealed, 'another-secret-of-sixteen-bytes')).toBeNull();
    expect(openOpenIdProviderLoginState('not-sealed', SECRET)).toBeNull();
  });

  it('does not open a value sealed for another purpose with the same secret', async () => {
    const { sealIdTokenRequestState } = await import('../holder-authentication/id-token-request-state.js');
    expect(openOpenIdProviderLoginState(sealIdTokenRequestState({ requestUriHash: 'h', nonce: 'n', expiresAt: NOW }, SECRET), SECRET)).toBeNull();
  });
});

describe('openIdProviderAuthorizationUrl (OpenID Connect Core 1.0 Section 3.1.2.1, RFC 7636)', () => {
  it('asks for a code with PKCE S256, the nonce and the state, keeping the endpoint\'s own query', () => {
    const url = new URL(openIdProviderAuthorizationUrl({ authorizationEndpoint: `${OP}/authorize?tenant=t`, clientId: CLIENT, redirectUri: 'https://issuer.example/authorize/callback', scopes: ['openid', 'profile'], state: 's', nonce: 'n', codeVerifier: 'v'.repeat(43) }));
    expect(url.origin + url.pathname).toBe(`${OP}/authorize`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      tenant: 't',
      response_type: 'code',
      client_id: CLIENT,
      redirect_uri: 'https://issuer.example/authorize/callback',
      scope: 'openid profile',
      state: 's',
      nonce: 'n',
      code_challenge: sha256Base64url('v'.repeat(43)),
      code_challenge_method: 'S256',
    });
  });
});

describe('checkOpenIdProviderIdToken (OpenID Connect Core 1.0 Section 3.1.3.7)', () => {
  const claims = { iss: OP, aud: CLIENT, sub: 'user-1', iat: NOW, exp: NOW + 300, nonce: 'n-1' };
  const check = (overrides: Record<string, unknown>) => checkOpenIdProviderIdToken({ claims: { ...claims, ...overrides } as never, issuer: OP, clientId: CLIENT, nonce: 'n-1', now: NOW });

  it('accepts the OP\'s token for this client and names the End-User by sub', () => {
    expect(check({})).toEqual({ valid: true, subject: 'user-1' });
    expect(check({ aud: [CLIENT, 'other'], azp: CLIENT })).toEqual({ valid: true, subject: 'user-1' });
  });

  it('refuses another issuer, even one differing by a trailing slash', () => {
    expect(check({ iss: 'https://evil.example' })).toMatchObject({ valid: false, reason: expect.stringContaining('is not the OpenID Provider'), spec_ref: 'OpenID Connect Core 1.0 Section 3.1.3.7' });
    expect(check({ iss: `${OP}/` })).toMatchObject({ valid: false });
  });

  it('refuses another audience, several audiences without azp naming this client', () => {
    expect(check({ aud: 'other' })).toMatchObject({ valid: false, reason: expect.stringContaining('does not contain this client') });
    expect(check({ aud: [CLIENT, 'other'] })).toMatchObject({ valid: false, reason: expect.stringContaining('azp') });
    expect(check({ azp: 'other' })).toMatchObject({ valid: false, reason: expect.stringContaining('azp') });
  });

  it('refuses an expired token, a token from the future, a missing or other nonce, a missing sub', () => {
    expect(check({ exp: NOW - 120 })).toMatchObject({ valid: false, reason: expect.stringContaining('expired') });
    expect(check({ exp: undefined })).toMatchObject({ valid: false, reason: expect.stringContaining('exp') });
    expect(check({ iat: NOW + 600 })).toMatchObject({ valid: false, reason: expect.stringContaining('future') });
    expect(check({ nonce: undefined })).toMatchObject({ valid: false, reason: 'the ID Token has no nonce' });
    expect(check({ nonce: 'n-2' })).toMatchObject({ valid: false, reason: 'the ID Token\'s nonce is not the nonce of the authorization request', spec_ref: 'OpenID Connect Core 1.0 Section 3.1.3.7 step 11' });
    expect(check({ sub: '' })).toMatchObject({ valid: false, reason: expect.stringContaining('sub') });
  });
});
