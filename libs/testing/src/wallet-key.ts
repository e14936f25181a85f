import { createHash, generateKeyPairSync, type KeyObject } from 'node:crypto';
import type { JWK } from 'jose';

export interface WalletKey {
  privateKey: KeyObject;
  /** The public P-256 key as a JWK: kty, crv, x, y. */
  publicJwk: JWK;
  /** RFC 7638 SHA-256 thumbprint, as `cnf.jkt` carries it (RFC 9449 Section 6.1). */
  jkt: string;
}

/** A fresh ES256 wallet key. */
export function createWalletKey(): WalletKey {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const { kty, crv, x, y } = publicKey.export({ format: 'jwk' });
  const publicJwk: JWK = { kty, crv, x, y };
  return { privateKey, publicJwk, jkt: ecJwkThumbprint(publicJwk) };
}

// RFC 7638 Section 3.2: the required EC members in lexicographic order, no whitespace.
export function ecJwkThumbprint(jwk: JWK): string {
  const canonical = JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y });
  return createHash('sha256').update(canonical).digest('base64url');
}
