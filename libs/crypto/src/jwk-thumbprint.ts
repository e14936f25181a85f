import { JwkError } from './crypto-errors.js';
import type { JWK } from './jwk.js';
import { sha256Base64url } from './sha256-base64url.js';

/** RFC 7638 Section 3.2: the required members of each key type, in lexicographic order. */
const REQUIRED_MEMBERS: Record<string, readonly string[]> = {
  EC: ['crv', 'kty', 'x', 'y'],
  OKP: ['crv', 'kty', 'x'],
  RSA: ['e', 'kty', 'n'],
  oct: ['k', 'kty'],
};

/**
 * RFC 7638 SHA-256 thumbprint, base64url. Written out rather than taken from jose because it runs
 * on every DPoP proof: the canonical form is a fixed member list, no sorting or copying needed.
 */
export function jwkThumbprint(jwk: JWK | Record<string, unknown>): string {
  const kty = (jwk as Record<string, unknown>).kty;
  const members = typeof kty === 'string' && Object.hasOwn(REQUIRED_MEMBERS, kty) ? REQUIRED_MEMBERS[kty] : undefined;
  if (members === undefined) throw new JwkError('ERR_JWK_UNSUPPORTED', `cannot compute a thumbprint for kty ${JSON.stringify(kty)}`);
  let canonical = '{';
  for (const name of members) {
    const value = (jwk as Record<string, unknown>)[name];
    if (typeof value !== 'string') throw new JwkError('ERR_JWK_INVALID', `jwk member "${name}" must be a string`);
    canonical += `${canonical.length > 1 ? ',' : ''}"${name}":${JSON.stringify(value)}`;
  }
  return sha256Base64url(`${canonical}}`);
}
