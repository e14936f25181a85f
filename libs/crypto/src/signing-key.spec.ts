import { describe, expect, it } from '@jest/globals';
import { generateKeyPairSync } from 'node:crypto';
import { inspect } from 'node:util';
import { calculateJwkThumbprint } from 'jose';
import { createSigningKey } from './signing-key.js';

const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const d = privateKey.export({ format: 'jwk' }).d as string;
const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }) as string;

describe('createSigningKey', () => {
  it('derives alg, public JWK and a thumbprint kid from the private key', async () => {
    const key = createSigningKey({ privateKey });
    expect(key.alg).toBe('ES256');
    expect(key.kid).toBe(await calculateJwkThumbprint(key.publicJwk));
    expect(key.publicJwk).toMatchObject({ kty: 'EC', crv: 'P-256', kid: key.kid, alg: 'ES256', use: 'sig' });
    expect(key.publicJwk).not.toHaveProperty('d');
    expect(key.privateKey).toBe(privateKey);
  });

  it('never shows the private key in JSON, inspection, spreads or entries', () => {
    const key = createSigningKey({ privateKey, kid: 'k1' });
    const shown = [JSON.stringify(key), JSON.stringify({ nested: key }), inspect(key, { showHidden: false }), JSON.stringify({ ...key }), JSON.stringify(Object.entries(key))];
    for (const text of shown) {
      expect(text).not.toContain(d);
      expect(text).not.toContain(pem.split('\n')[1]);
      expect(text).not.toContain('privateKey');
    }
    expect(key.toJSON()).toEqual({ kid: 'k1', alg: 'ES256', publicJwk: key.publicJwk });
  });

  it('hands out a public JWK that cannot be changed', () => {
    const key = createSigningKey({ privateKey });
    expect(() => {
      (key.publicJwk as { kid?: string }).kid = 'other';
    }).toThrow(TypeError);
    expect(Object.isFrozen(key)).toBe(true);
  });

  it('carries x5c into the view and the public JWK', () => {
    const key = createSigningKey({ privateKey, x5c: ['MIIB'] });
    expect(key.toJSON().x5c).toEqual(['MIIB']);
    expect(key.publicJwk.x5c).toEqual(['MIIB']);
  });

  it('refuses a public key and an alg that does not fit the key', () => {
    const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    expect(() => createSigningKey({ privateKey: publicKey })).toThrow(TypeError);
    expect(() => createSigningKey({ privateKey, alg: 'ES512' })).toThrow(/P-521/);
  });

  it('infers EdDSA and ES384 from the key', () => {
    expect(createSigningKey({ privateKey: generateKeyPairSync('ed25519').privateKey }).alg).toBe('EdDSA');
    expect(createSigningKey({ privateKey: generateKeyPairSync('ec', { namedCurve: 'P-384' }).privateKey }).alg).toBe('ES384');
  });
});
