import { describe, expect, it } from '@jest/globals';
import { generateKeyPairSync } from 'node:crypto';
import { compactVerify, decodeProtectedHeader } from 'jose';
import { JwsAlgError } from './crypto-errors.js';
import { signJwt } from './sign-jwt.js';

describe('signJwt', () => {
  it('signs ES256 by default, verifiable by jose', async () => {
    const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const jwt = signJwt({ header: { typ: 'at+jwt', kid: 'k1' }, payload: { sub: 'abc' } }, { privateKey });
    const { payload, protectedHeader } = await compactVerify(jwt, publicKey);
    expect(protectedHeader).toEqual({ typ: 'at+jwt', kid: 'k1', alg: 'ES256' });
    expect(JSON.parse(Buffer.from(payload).toString())).toEqual({ sub: 'abc' });
  });

  it.each([
    ['ES384', () => generateKeyPairSync('ec', { namedCurve: 'P-384' })],
    ['ES512', () => generateKeyPairSync('ec', { namedCurve: 'P-521' })],
    ['EdDSA', () => generateKeyPairSync('ed25519')],
    ['PS256', () => generateKeyPairSync('rsa', { modulusLength: 2048 })],
    ['RS256', () => generateKeyPairSync('rsa', { modulusLength: 2048 })],
  ])('signs %s taken from the key, verifiable by jose', async (alg, generate) => {
    const { publicKey, privateKey } = generate();
    const jwt = signJwt({ header: {}, payload: { n: 1 } }, { privateKey, alg });
    expect(decodeProtectedHeader(jwt).alg).toBe(alg);
    await expect(compactVerify(jwt, publicKey)).resolves.toBeDefined();
  });

  it('refuses a header alg that differs from the key alg, and a key that does not fit the alg', () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    expect(() => signJwt({ header: { alg: 'ES384' }, payload: {} }, { privateKey, alg: 'ES256' })).toThrow(JwsAlgError);
    expect(() => signJwt({ header: { alg: 'EdDSA' }, payload: {} }, { privateKey })).toThrow('alg EdDSA needs key type ed25519 or ed448, got ec');
    expect(() => signJwt({ header: { alg: 'none' }, payload: {} }, { privateKey })).toThrow(JwsAlgError);
  });
});
