import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { createSigningKey, type KeyStore } from '@issuer/crypto';
import { createDpopNonce, issueAccessToken } from '@issuer/protocol-oauth2';
import { createDpopProof, createWalletKey, protocolErrorOfAsync } from '@issuer/testing';
import { RequestTimeline } from '../timeline/request-timeline.js';
import { ProtectedResource } from './protected-resource.js';

const ISSUER = 'https://issuer.example';
const HTU = `${ISSUER}/credential`;
const NOW = Math.floor(Date.now() / 1000);
const nonces = { secret: 'a-secret-of-this-issuer-for-nonces', ttlSeconds: 300 };
const accessTokenKey = createSigningKey({ privateKey: generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey });
const keys = { signingKey: async () => accessTokenKey, publicJwks: async () => ({ keys: [accessTokenKey.publicJwk] }) } as KeyStore;

function setUp() {
  const wallet = createWalletKey();
  const token = issueAccessToken({ iss: ISSUER, aud: ISSUER, sub: 's', sid: 's', cnf: { jkt: wallet.jkt }, credential_configuration_ids: ['pid'], expiresIn: 600, now: NOW }, accessTokenKey).access_token;
  const resource = new ProtectedResource(keys, ISSUER, async () => true, nonces);
  const call = (nonce?: string) =>
    resource.authenticate({
      authorization: [`DPoP ${token}`],
      dpop: [createDpopProof({ key: wallet, htm: 'POST', htu: HTU, accessToken: token, ...(nonce !== undefined && { nonce }) })],
      htm: 'POST',
      htu: HTU,
      now: NOW,
      timeline: new RequestTimeline('/credential', { ip: '127.0.0.1' }),
    });
  return { call };
}

describe('ProtectedResource with server DPoP nonces (RFC 9449 Section 9, NEGATIVE-TESTS D12)', () => {
  it('answers a proof without a nonce 401 use_dpop_nonce with a DPoP challenge and a fresh DPoP-Nonce', async () => {
    const error = await protocolErrorOfAsync(() => setUp().call());
    expect(error).toMatchObject({ error: 'use_dpop_nonce', status: 401 });
    expect(error.headers['WWW-Authenticate']).toContain('DPoP error="use_dpop_nonce"');
    const fresh = error.headers['DPoP-Nonce'] as string;
    expect(fresh).toEqual(expect.any(String));
  });

  it('accepts the nonce it provided, and refuses a stale or foreign one', async () => {
    const { call } = setUp();
    await expect(call(createDpopNonce({ ...nonces, now: NOW }))).resolves.toMatchObject({ sid: 's' });
    await expect(protocolErrorOfAsync(() => call(createDpopNonce({ ...nonces, now: NOW - 600 })))).resolves.toMatchObject({ error: 'use_dpop_nonce', status: 401 });
    await expect(protocolErrorOfAsync(() => call(createDpopNonce({ secret: 'another-servers-secret-entirely', ttlSeconds: 300, now: NOW })))).resolves.toMatchObject({ error: 'use_dpop_nonce' });
  });
});
