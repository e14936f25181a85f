import { describe, expect, it } from '@jest/globals';
import { compactVerify, decodeProtectedHeader, importJWK } from 'jose';
import { createDpopProof } from './create-dpop-proof.js';
import { createWalletKey } from './wallet-key.js';

const key = createWalletKey();

async function verify(jwt: string) {
  const { payload, protectedHeader } = await compactVerify(jwt, await importJWK(key.publicJwk, 'ES256'));
  return { header: protectedHeader, payload: JSON.parse(new TextDecoder().decode(payload)) as Record<string, unknown> };
}

describe('createDpopProof (RFC 9449 Section 4.2)', () => {
  it('signs a proof that jose verifies with the key in its header', async () => {
    const proof = createDpopProof({ key, htm: 'POST', htu: 'https://issuer.example.com/token', iat: 1_780_000_000, jti: 'jti-1' });
    const { header, payload } = await verify(proof);
    expect(header).toEqual({ typ: 'dpop+jwt', alg: 'ES256', jwk: key.publicJwk });
    expect(payload).toEqual({ jti: 'jti-1', htm: 'POST', htu: 'https://issuer.example.com/token', iat: 1_780_000_000 });
  });

  it('adds ath for the access token and the server nonce', async () => {
    // RFC 9449 Section 7.1 example access token and its ath.
    const proof = createDpopProof({ key, htm: 'GET', htu: 'https://resource.example.org/protectedresource', accessToken: 'Kz~8mXK1EalYznwH-LC-1fBAo.4Ljp~zsPE_NeO.gxU', nonce: 'eyJ7S_zG.eyJH0-Z.HX4w-7v' });
    const { payload } = await verify(proof);
    expect(payload.ath).toBe('fUHyO2r2Z3DZ53EsNrWBb0xWXoaNy59IiKCAqksmQEo');
    expect(payload.nonce).toBe('eyJ7S_zG.eyJH0-Z.HX4w-7v');
  });

  it('draws a fresh jti and the current time by default', async () => {
    const before = Math.floor(Date.now() / 1000);
    const first = await verify(createDpopProof({ key, htm: 'POST', htu: 'https://i.example/token' }));
    const second = await verify(createDpopProof({ key, htm: 'POST', htu: 'https://i.example/token' }));
    expect(first.payload.jti).not.toBe(second.payload.jti);
    expect(first.payload.iat).toBeGreaterThanOrEqual(before);
    expect(first.payload.iat).toBeLessThanOrEqual(Math.floor(Date.now() / 1000));
  });

  it('replaces and removes members for negative tests', () => {
    const proof = createDpopProof({ key, htm: 'POST', htu: 'https://i.example/token', overrides: { header: { typ: 'jwt', jwk: undefined }, payload: { jti: undefined, extra: 1 } } });
    expect(decodeProtectedHeader(proof)).toEqual({ typ: 'jwt', alg: 'ES256' });
    const payload = JSON.parse(Buffer.from(proof.split('.')[1]!, 'base64url').toString());
    expect(payload).not.toHaveProperty('jti');
    expect(payload.extra).toBe(1);
  });
});
