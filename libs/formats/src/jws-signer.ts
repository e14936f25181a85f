import { sign, type KeyObject } from 'node:crypto';

// RFC 7518 Section 3.4 (ECDSA, signature as R || S) and RFC 8037 Section 3.1 (EdDSA, no separate digest).
const DIGEST_FOR_ALG: Record<string, string | null> = { ES256: 'sha256', ES384: 'sha384', ES512: 'sha512', EdDSA: null, Ed25519: null };

/** A JWS signer over node:crypto: takes the signing input, returns the base64url signature. */
export function jwsSigner(alg: string, privateKey: KeyObject): (signingInput: string) => string {
  if (!Object.hasOwn(DIGEST_FOR_ALG, alg)) throw new Error(`signing with alg ${alg} is not supported; use ${Object.keys(DIGEST_FOR_ALG).join(', ')}`);
  const digest = DIGEST_FOR_ALG[alg]!;
  return (signingInput) => sign(digest, Buffer.from(signingInput), { key: privateKey, dsaEncoding: 'ieee-p1363' }).toString('base64url');
}
