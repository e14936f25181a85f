import { describe, expect, it } from '@jest/globals';
import { generateKeyPairSync } from 'node:crypto';
import { calculateJwkThumbprint } from 'jose';
import { JwkError } from './crypto-errors.js';
import { jwkThumbprint } from './jwk-thumbprint.js';

describe('jwkThumbprint', () => {
  it('matches the RFC 7638 Section 3.1 example', () => {
    const jwk = {
      kty: 'RSA',
      n: '0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw',
      e: 'AQAB',
      alg: 'RS256',
      kid: '2011-04-29',
    };
    expect(jwkThumbprint(jwk)).toBe('NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs');
  });

  it.each([
    ['EC P-256', () => generateKeyPairSync('ec', { namedCurve: 'P-256' })],
    ['EC P-384', () => generateKeyPairSync('ec', { namedCurve: 'P-384' })],
    ['Ed25519', () => generateKeyPairSync('ed25519')],
  ])('agrees with jose for %s keys, whatever extra members and order', async (_, generate) => {
    const jwk = generate().publicKey.export({ format: 'jwk' });
    const reordered = { use: 'sig', ...Object.fromEntries(Object.entries(jwk).reverse()), kid: 'x' };
    expect(jwkThumbprint(reordered)).toBe(await calculateJwkThumbprint(jwk, 'sha256'));
  });

  it('refuses a key type without a canonical form and a key missing a required member', () => {
    expect(() => jwkThumbprint({ kty: 'XYZ' })).toThrow(JwkError);
    expect(() => jwkThumbprint({ kty: 'EC', crv: 'P-256', x: 'abc' })).toThrow(/"y"/);
  });
});
