import { describe, expect, it } from '@jest/globals';
import { sealJson } from '@issuer/crypto';
import { asResourceServerError } from '@issuer/protocol-errors';
import { createDpopProof, createWalletKey, protocolErrorOf } from '@issuer/testing';
import { checkDpopProofNonce, dpopNonceHeaders, type DpopNonceSettings } from './check-dpop-proof-nonce.js';
import { checkDpopNonce, createDpopNonce } from './dpop-nonce.js';
import { verifyDpopProof } from './verify-dpop-proof.js';

const NOW = 1_760_000_000;
const TOKEN_ENDPOINT = 'https://issuer.example.com/token';
const CREDENTIAL_ENDPOINT = 'https://issuer.example.com/credential';
const settings: DpopNonceSettings = { secret: 'dpop-nonce-secret-of-32-bytes-00', ttlSeconds: 120 };
const wallet = createWalletKey();
const accessToken = 'eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJzZXNzaW9uIn0.c2ln';

/** A proof as the wallet sends it, verified as the endpoint does before the nonce check. */
function verifiedProof(nonce: unknown, at: 'token' | 'credential' = 'token') {
  const htu = at === 'token' ? TOKEN_ENDPOINT : CREDENTIAL_ENDPOINT;
  const proof = createDpopProof({ key: wallet, htm: 'POST', htu, iat: NOW, overrides: { payload: { nonce } }, ...(at === 'credential' && { accessToken }) });
  return verifyDpopProof({ proofs: [proof], htm: 'POST', htu, now: NOW, ...(at === 'credential' && { accessToken, expectedJkt: wallet.jkt }) });
}

const foreignNonces: Array<[string, string]> = [
  ['sealed under another secret', createDpopNonce({ secret: 'another-deployment-secret-0000000', now: NOW, ttlSeconds: 120 })],
  ['a c_nonce of this server', sealJson({ exp: NOW + 100 }, settings.secret, 'c_nonce')],
  ['made up by the wallet', 'not-a-nonce-of-this-server'],
];

describe('DPoP nonces at the authorization server (RFC 9449 Section 8, NEGATIVE-TESTS D12)', () => {
  const check = (nonce: unknown) => checkDpopProofNonce(verifiedProof(nonce), settings, { now: NOW, server: 'authorization_server' });

  it('accepts a current nonce it provided, and anything while nonces are off', () => {
    expect(() => check(createDpopNonce({ ...settings, now: NOW - 60 }))).not.toThrow();
    expect(() => checkDpopProofNonce(verifiedProof(undefined), undefined, { now: NOW, server: 'authorization_server' })).not.toThrow();
  });

  it('answers a missing nonce with 400 use_dpop_nonce and a fresh DPoP-Nonce header', () => {
    const error = protocolErrorOf(() => check(undefined));
    expect({ status: error.status, wire: error.toWire(), specRef: error.specRef }).toEqual({
      status: 400,
      wire: { error: 'use_dpop_nonce', error_description: 'A DPoP nonce is required' },
      specRef: 'RFC 9449 Section 8',
    });
    expect(error.reason).toContain('has no nonce claim');
    expect(checkDpopNonce(error.headers['DPoP-Nonce'] as string, { secret: settings.secret, now: NOW })).toBe('valid');
    expect(error.headers['WWW-Authenticate']).toBeUndefined();
  });

  it('answers a stale nonce with use_dpop_nonce, saying it expired', () => {
    const stale = createDpopNonce({ ...settings, now: NOW - 121 });
    const error = protocolErrorOf(() => check(stale));
    expect(error).toMatchObject({ error: 'use_dpop_nonce', status: 400, reason: expect.stringContaining('has expired (nonces are valid for 120 s)') });
    expect(checkDpopNonce(error.headers['DPoP-Nonce'] as string, { secret: settings.secret, now: NOW })).toBe('valid');
  });

  it.each(foreignNonces)('answers a foreign nonce (%s) with use_dpop_nonce, saying this server did not provide it', (_name, nonce) => {
    const error = protocolErrorOf(() => check(nonce));
    expect(error).toMatchObject({ error: 'use_dpop_nonce', reason: expect.stringContaining('was not provided by this authorization server'), headers: { 'DPoP-Nonce': expect.any(String) } });
  });

  it('refuses a nonce claim that is not a string as an invalid proof', () => {
    expect(protocolErrorOf(() => check(42))).toMatchObject({ error: 'invalid_dpop_proof', status: 400, reason: 'DPoP proof nonce must be a string, got 42' });
  });
});

describe('DPoP nonces at a resource server (RFC 9449 Section 9, NEGATIVE-TESTS D12)', () => {
  const check = (nonce: unknown) => checkDpopProofNonce(verifiedProof(nonce, 'credential'), settings, { now: NOW, server: 'resource_server' });

  it('accepts a current nonce', () => {
    expect(() => check(createDpopNonce({ ...settings, now: NOW }))).not.toThrow();
  });

  it.each<[string, unknown]>([
    ['missing', undefined],
    ['stale', createDpopNonce({ ...settings, now: NOW - 500 })],
    ['foreign', 'not-a-nonce-of-this-server'],
  ])('answers a %s nonce with 401, WWW-Authenticate DPoP error="use_dpop_nonce" and a fresh DPoP-Nonce', (_name, nonce) => {
    const error = protocolErrorOf(() => check(nonce));
    expect({ error: error.error, status: error.status, specRef: error.specRef }).toEqual({ error: 'use_dpop_nonce', status: 401, specRef: 'RFC 9449 Section 9' });
    expect(error.headers['WWW-Authenticate']).toMatch(/^DPoP error="use_dpop_nonce", error_description="[^"]+"/);
    expect(error.headers['WWW-Authenticate']).not.toContain('Bearer');
    expect(checkDpopNonce(error.headers['DPoP-Nonce'] as string, { secret: settings.secret, now: NOW })).toBe('valid');
  });

  it('keeps its shape when the protected resource wraps every error again', () => {
    const error = protocolErrorOf(() => check(undefined));
    const wrapped = asResourceServerError(error, { dpop: true, bearer: true });
    expect({ status: wrapped.status, headers: wrapped.headers }).toEqual({ status: error.status, headers: error.headers });
  });

  it('answers a nonce that is not a string with a DPoP challenge for invalid_dpop_proof', () => {
    const error = protocolErrorOf(() => check(['list']));
    expect(error).toMatchObject({ error: 'invalid_dpop_proof', status: 401, headers: { 'WWW-Authenticate': expect.stringMatching(/^DPoP error="invalid_dpop_proof"/) } });
  });
});

describe('dpopNonceHeaders (RFC 9449 Sections 8.2 and 9)', () => {
  it('hands out a fresh nonce on successful responses while nonces are on, nothing while off', () => {
    const headers = dpopNonceHeaders(settings, NOW);
    expect(checkDpopNonce(headers['DPoP-Nonce'] as string, { secret: settings.secret, now: NOW + 119 })).toBe('valid');
    expect(dpopNonceHeaders(settings, NOW)['DPoP-Nonce']).not.toBe(headers['DPoP-Nonce']);
    expect(dpopNonceHeaders(undefined, NOW)).toEqual({});
  });
});
