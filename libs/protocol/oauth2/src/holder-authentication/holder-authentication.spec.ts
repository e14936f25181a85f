import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { createSigningKey, decodeJws, verifyJwsSignature } from '@issuer/crypto';
import { createHolderIdToken, createWalletKey, didJwkOf, didKeyJcsOf, protocolErrorOf } from '@issuer/testing';
import { createIdTokenRequest } from './create-id-token-request.js';
import { idTokenHolderAuthentication } from './id-token-holder-authentication.js';
import { openIdTokenRequestState, sealIdTokenRequestState } from './id-token-request-state.js';
import { issueIdToken } from './issue-id-token.js';
import { verifyHolderIdToken } from './verify-holder-id-token.js';

const NOW = 1_800_000_000;
const ISSUER = 'https://issuer.example';
const SECRET = 'a-secret-of-at-least-sixteen-bytes';
const serverKey = createSigningKey({ privateKey: generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey });
const holder = createWalletKey();
const did = didJwkOf(holder);

describe('idTokenHolderAuthentication (EBSI v4)', () => {
  it('recognises a DID client_id or client_metadata, and takes the wallet\'s authorization_endpoint, else openid:', () => {
    expect(idTokenHolderAuthentication({ client_id: 'wallet' })).toBeUndefined();
    expect(idTokenHolderAuthentication({ client_id: did })).toEqual({ authorizationEndpoint: 'openid:', signals: ['did_client_id'] });
    expect(idTokenHolderAuthentication({ client_id: 'did:key:z6Mk', client_metadata: JSON.stringify({ authorization_endpoint: 'openid://', response_types_supported: ['id_token'] }) })).toEqual({
      authorizationEndpoint: 'openid://',
      signals: ['did_client_id', 'client_metadata'],
    });
  });

  it('refuses client_metadata that is not a JSON object, or an authorization_endpoint that is no absolute URI', () => {
    expect(protocolErrorOf(() => idTokenHolderAuthentication({ client_id: did, client_metadata: '{not json' }))).toMatchObject({ error: 'invalid_request', reason: 'client_metadata is not a JSON object' });
    expect(protocolErrorOf(() => idTokenHolderAuthentication({ client_id: did, client_metadata: '[]' }))).toMatchObject({ error: 'invalid_request' });
    expect(protocolErrorOf(() => idTokenHolderAuthentication({ client_id: did, client_metadata: '{"authorization_endpoint":"/relative"}' }))).toMatchObject({ error: 'invalid_request', specRef: 'RFC 6749 Section 3.1.2' });
    expect(protocolErrorOf(() => idTokenHolderAuthentication({ client_id: did, client_metadata: '{"authorization_endpoint":42}' }))).toMatchObject({ error: 'invalid_request' });
    expect(protocolErrorOf(() => idTokenHolderAuthentication({ client_id: did, client_metadata: '{"authorization_endpoint":"javascript:alert(1)"}' }))).toMatchObject({ error: 'invalid_request' });
  });
});

describe('createIdTokenRequest (SIOPv2 Section 9, OpenID4VP 1.0 Section 8.2)', () => {
  it('redirects to the holder with the parameters and the same values in a request object signed by the server', () => {
    const request = createIdTokenRequest({ issuer: ISSUER, directPostUri: `${ISSUER}/direct_post`, holderClientId: did, authorizationEndpoint: 'openid://', state: 'st', nonce: 'n-1', now: NOW, expiresIn: 90 }, serverKey);
    const url = new URL(request.location);
    expect(url.protocol).toBe('openid:');
    const query = Object.fromEntries(url.searchParams);
    expect(query).toMatchObject({ client_id: ISSUER, response_type: 'id_token', response_mode: 'direct_post', redirect_uri: `${ISSUER}/direct_post`, scope: 'openid', nonce: 'n-1', state: 'st' });
    const decoded = decodeJws(query['request'] as string);
    expect(verifyJwsSignature(decoded, serverKey.publicJwk, decoded.header.alg)).toBe(true);
    expect(decoded.header).toMatchObject({ kid: serverKey.kid, typ: 'JWT' });
    expect(decoded.payload).toEqual({ ...request.claims });
    expect(decoded.payload).toMatchObject({ iss: ISSUER, aud: did, exp: NOW + 90, nonce: 'n-1', state: 'st' });
    expect(new URL(createIdTokenRequest({ issuer: ISSUER, directPostUri: `${ISSUER}/direct_post`, holderClientId: did, authorizationEndpoint: 'openid:', state: 's', nonce: 'n', now: NOW, expiresIn: 90 }, serverKey).location).protocol).toBe('openid:');
  });
});

describe('the sealed state of an ID Token Request', () => {
  it('opens with the same secret only', () => {
    const state = sealIdTokenRequestState({ requestUriHash: 'h', nonce: 'n', expiresAt: NOW + 90 }, SECRET);
    expect(openIdTokenRequestState(state, SECRET)).toEqual({ requestUriHash: 'h', nonce: 'n', expiresAt: NOW + 90 });
    expect(openIdTokenRequestState(state, 'another-secret-of-sixteen-bytes')).toBeNull();
    expect(openIdTokenRequestState('not-sealed', SECRET)).toBeNull();
  });
});

describe('verifyHolderIdToken (SIOPv2 Section 11)', () => {
  const idToken = (overrides: Partial<Parameters<typeof createHolderIdToken>[0]> = {}) => createHolderIdToken({ key: holder, did, aud: ISSUER, nonce: 'n-1', iat: NOW, ...overrides });
  const verify = (token: string | undefined, extra: { clientDid?: string } = {}) => verifyHolderIdToken({ idToken: token, issuer: ISSUER, nonce: 'n-1', now: NOW, ...extra });
  const refusal = (token: string | undefined, extra: { clientDid?: string } = {}) => protocolErrorOf(() => verify(token, extra));

  it('accepts the ID Token of a did:jwk or a jwk_jcs-pub did:key holder, and names the DID', () => {
    expect(verify(idToken(), { clientDid: did })).toEqual({ subject: did, kid: `${did}#0`, alg: 'ES256' });
    const jcs = didKeyJcsOf(holder);
    expect(verify(idToken({ did: jcs })).subject).toBe(jcs);
  });

  it('refuses a missing or malformed token, a kid that is no DID URL, iss other than sub, another DID than the client_id', () => {
    expect(refusal(undefined)).toMatchObject({ error: 'invalid_request', reason: 'id_token is missing' });
    expect(refusal('abc')).toMatchObject({ error: 'invalid_request', reason: expect.stringContaining('not a compact JWT') });
    expect(refusal(idToken({ header: { kid: 'https://wallet.example/key' } }))).toMatchObject({ reason: expect.stringContaining('not a did:key or did:jwk') });
    expect(refusal(idToken({ payload: { iss: 'https://wallet.example' } }))).toMatchObject({ reason: expect.stringContaining('must both be') });
    expect(refusal(idToken(), { clientDid: didJwkOf(createWalletKey()) })).toMatchObject({ reason: expect.stringContaining('not by the client_id') });
    expect(refusal(idToken({ header: { alg: 'none' } }))).toMatchObject({ error: 'invalid_request', specRef: 'RFC 8725 Section 3.1' });
  });

  it('refuses a signature by another key, another audience, another or no nonce, an expired token', () => {
    expect(refusal(idToken({ key: createWalletKey() }))).toMatchObject({ reason: expect.stringContaining('signature does not verify') });
    expect(refusal(idToken({ aud: 'https://other.example' }))).toMatchObject({ reason: expect.stringContaining('aud') });
    expect(refusal(idToken({ nonce: 'other' }))).toMatchObject({ reason: 'id_token nonce is not the nonce of the ID Token Request' });
    expect(refusal(idToken({ nonce: undefined }))).toMatchObject({ reason: 'id_token has no nonce' });
    expect(refusal(idToken({ iat: NOW - 1000 }))).toMatchObject({ reason: expect.stringContaining('expired') });
    expect(refusal(idToken({ iat: NOW + 1000 }))).toMatchObject({ reason: expect.stringContaining('future') });
  });
});

describe('issueIdToken', () => {
  it('states the authenticated DID for the client, with the wallet\'s nonce', () => {
    const token = decodeJws(issueIdToken({ issuer: ISSUER, subject: did, audience: did, nonce: 'wallet-nonce', now: NOW, expiresIn: 600 }, serverKey));
    expect(verifyJwsSignature(token, serverKey.publicJwk, token.header.alg)).toBe(true);
    expect(token.payload).toEqual({ iss: ISSUER, sub: did, aud: did, iat: NOW, exp: NOW + 600, nonce: 'wallet-nonce' });
    expect(decodeJws(issueIdToken({ issuer: ISSUER, subject: did, audience: did, nonce: null, now: NOW, expiresIn: 600 }, serverKey)).payload['nonce']).toBeUndefined();
  });
});
