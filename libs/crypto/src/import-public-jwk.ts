import { createPublicKey, type KeyObject } from 'node:crypto';
import { JwkError } from './crypto-errors.js';
import { PRIVATE_JWK_MEMBERS, type JWK } from './jwk.js';

const SIGNING_CURVES: Record<string, readonly string[]> = {
  EC: ['P-256', 'P-384', 'P-521'],
  OKP: ['Ed25519', 'Ed448'],
};

/** Importing costs about as much as a verification; wallets present the same key several times. */
const MAX_CACHED_KEYS = 2048;
const publicKeys = new Map<string, KeyObject>();

/**
 * Imports a public signing key from a JWK. A key with private members (RFC 9449 Section 4.3 check 7,
 * OID4VCI 1.0 Appendix F.4) or a symmetric key is refused with a typed error before anything else.
 * Only the members that define the key reach node:crypto, and only public keys are cached.
 */
export function importPublicJwk(jwk: unknown): KeyObject {
  if (typeof jwk !== 'object' || jwk === null || Array.isArray(jwk)) throw new JwkError('ERR_JWK_INVALID', `jwk must be a JSON object, got ${jwk === null ? 'null' : Array.isArray(jwk) ? 'an array' : typeof jwk}`);
  const key = jwk as Record<string, unknown>;
  if (key.kty === 'oct' || key.k !== undefined) throw new JwkError('ERR_JWK_SYMMETRIC', 'jwk is a symmetric key (kty "oct")');
  const secret = PRIVATE_JWK_MEMBERS.filter((member) => key[member] !== undefined);
  if (secret.length > 0) throw new JwkError('ERR_JWK_PRIVATE', `jwk contains private key members (${secret.join(', ')})`);
  const members = publicMembers(key);
  const cacheKey = members.kty === 'RSA' ? `RSA|${members.n}|${members.e}` : `${members.kty}|${members.crv}|${members.x}|${members.y ?? ''}`;
  let publicKey = publicKeys.get(cacheKey);
  if (publicKey === undefined) {
    publicKey = createPublicKeyFrom(members);
    if (publicKeys.size >= MAX_CACHED_KEYS) publicKeys.delete(publicKeys.keys().next().value as string);
    publicKeys.set(cacheKey, publicKey);
  }
  return publicKey;
}

function publicMembers(key: Record<string, unknown>): JWK {
  const { kty, crv } = key;
  switch (kty) {
    case 'EC':
    case 'OKP':
      if (typeof crv !== 'string' || !SIGNING_CURVES[kty]?.includes(crv)) {
        throw new JwkError('ERR_JWK_UNSUPPORTED', `jwk crv ${JSON.stringify(crv)} is not a signing curve for kty ${kty} (${SIGNING_CURVES[kty]?.join(', ')})`);
      }
      return kty === 'EC' ? { kty, crv, x: member(key, 'x'), y: member(key, 'y') } : { kty, crv, x: member(key, 'x') };
    case 'RSA':
      return { kty, n: member(key, 'n'), e: member(key, 'e') };
    case undefined:
      throw new JwkError('ERR_JWK_INVALID', 'jwk has no kty');
    default:
      throw new JwkError('ERR_JWK_UNSUPPORTED', `jwk kty ${JSON.stringify(kty)} is not EC, OKP or RSA`);
  }
}

function member(key: Record<string, unknown>, name: string): string {
  const value = key[name];
  if (typeof value !== 'string' || value.length === 0) throw new JwkError('ERR_JWK_INVALID', `jwk member "${name}" must be a non-empty string`);
  return value;
}

function createPublicKeyFrom(jwk: JWK): KeyObject {
  try {
    return createPublicKey({ key: jwk, format: 'jwk' });
  } catch {
    throw new JwkError('ERR_JWK_INVALID', `jwk is not a valid ${jwk.kty}${jwk.crv ? ` ${jwk.crv}` : ''} public key`);
  }
}
