import type { JWK } from 'jose';
import { serverError } from '@issuer/protocol-errors';

// RFC 7638 Section 3.2: the public members of each key type, in lexicographic order.
const PUBLIC_MEMBERS: Record<string, readonly string[]> = {
  EC: ['crv', 'kty', 'x', 'y'],
  OKP: ['crv', 'kty', 'x'],
  RSA: ['e', 'kty', 'n'],
};

/**
 * The did:jwk DID of a public key (did:jwk Method Specification Section 2): `did:jwk:` and the
 * base64url UTF-8 JSON of the JWK. Only the RFC 7638 public members go in, in canonical order, so a
 * key gives the same DID whatever else its JWK carries (kid, alg, use).
 */
export function didJwk(jwk: JWK): string {
  const members = typeof jwk.kty === 'string' ? PUBLIC_MEMBERS[jwk.kty] : undefined;
  const record = jwk as Record<string, unknown>;
  if (members === undefined || members.some((name) => typeof record[name] !== 'string')) {
    throw serverError({ reason: `the holder key (kty ${String(jwk.kty)}) has no did:jwk form`, help: 'Bind the credential to an EC, OKP or RSA public key' });
  }
  const publicJwk = Object.fromEntries(members.map((name) => [name, record[name]]));
  return `did:jwk:${Buffer.from(JSON.stringify(publicJwk)).toString('base64url')}`;
}
