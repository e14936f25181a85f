import { describe, expect, it } from '@jest/globals';
import { generateKeyPairSync } from 'node:crypto';
import { JwkError } from './crypto-errors.js';
import { importPublicJwk } from './import-public-jwk.js';

function jwkError(jwk: unknown): JwkError {
  try {
    importPublicJwk(jwk);
  } catch (error) {
    if (error instanceof JwkError) return error;
    throw error;
  }
  throw new Error('importPublicJwk accepted the key');
}

const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const ecPublic = ec.publicKey.export({ format: 'jwk' });
const ecPrivate = ec.privateKey.export({ format: 'jwk' });

describe('importPublicJwk', () => {
  it('imports EC, OKP and RSA public keys', () => {
    expect(importPublicJwk(ecPublic).equals(ec.publicKey)).toBe(true);
    const ed = generateKeyPairSync('ed25519');
    expect(importPublicJwk(ed.publicKey.export({ format: 'jwk' })).asymmetricKeyType).toBe('ed25519');
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
    expect(importPublicJwk(rsa.publicKey.export({ format: 'jwk' })).asymmetricKeyType).toBe('rsa');
  });

  it('ignores members that do not define the key (kid, alg, use)', () => {
    expect(importPublicJwk({ ...ecPublic, kid: 'k1', alg: 'ES256', use: 'sig' }).equals(ec.publicKey)).toBe(true);
  });

  it('refuses a private key and names the private members', () => {
    const error = jwkError(ecPrivate);
    expect(error.code).toBe('ERR_JWK_PRIVATE');
    expect(error.message).toContain('(d)');
    expect(error.message).not.toContain(ecPrivate.d);
  });

  it('refuses a private RSA key even when only a CRT member is present', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ format: 'jwk' });
    expect(jwkError({ ...rsa, qi: 'AQAB' }).code).toBe('ERR_JWK_PRIVATE');
  });

  it('refuses symmetric keys', () => {
    expect(jwkError({ kty: 'oct', k: 'c2VjcmV0' }).code).toBe('ERR_JWK_SYMMETRIC');
    expect(jwkError({ ...ecPublic, k: 'c2VjcmV0' }).code).toBe('ERR_JWK_SYMMETRIC');
  });

  it('refuses what is not a JWK object', () => {
    expect(jwkError(null).code).toBe('ERR_JWK_INVALID');
    expect(jwkError([ecPublic]).code).toBe('ERR_JWK_INVALID');
    expect(jwkError('{"kty":"EC"}').code).toBe('ERR_JWK_INVALID');
    expect(jwkError({ crv: 'P-256', x: ecPublic.x, y: ecPublic.y }).code).toBe('ERR_JWK_INVALID');
  });

  it('refuses unsupported key types and curves', () => {
    expect(jwkError({ kty: 'AKP', alg: 'ML-DSA-44', pub: 'AA' }).code).toBe('ERR_JWK_UNSUPPORTED');
    expect(jwkError({ ...ecPublic, crv: 'secp256k1' }).code).toBe('ERR_JWK_UNSUPPORTED');
    const x25519 = generateKeyPairSync('x25519').publicKey.export({ format: 'jwk' });
    expect(jwkError(x25519).code).toBe('ERR_JWK_UNSUPPORTED');
  });

  it('refuses missing coordinates and points that are not on the curve', () => {
    expect(jwkError({ kty: 'EC', crv: 'P-256', x: ecPublic.x }).code).toBe('ERR_JWK_INVALID');
    expect(jwkError({ ...ecPublic, y: ecPublic.x }).code).toBe('ERR_JWK_INVALID');
  });
});
