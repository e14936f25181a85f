import { KeyObject, verify } from 'node:crypto';
import { JwkError } from './crypto-errors.js';
import type { DecodedJws } from './decode-jws.js';
import { importPublicJwk } from './import-public-jwk.js';
import type { JWK } from './jwk.js';
import { assertKeyFitsAlgorithm, jwsAlgorithm } from './jws-algorithms.js';

/**
 * Verifies a compact JWS signature with node:crypto. Returns false for a signature that does not
 * verify; throws `JwsAlgError` for `none`, MACs, unknown algorithms and an `alg` that does not fit
 * the key, and `JwkError` for a JWK that is private, symmetric or malformed.
 */
export function verifyJwsSignature(decoded: Pick<DecodedJws, 'signingInput' | 'signature'>, publicKey: KeyObject | JWK, alg: unknown): boolean {
  const algorithm = jwsAlgorithm(alg);
  const key = publicKey instanceof KeyObject ? publicKey : importPublicJwk(publicKey);
  if (key.type !== 'public') throw new JwkError(key.type === 'private' ? 'ERR_JWK_PRIVATE' : 'ERR_JWK_SYMMETRIC', `verification needs a public key, got a ${key.type} key`);
  assertKeyFitsAlgorithm(key, algorithm);
  if (algorithm.signatureLength !== undefined && decoded.signature.length !== algorithm.signatureLength) return false;
  try {
    return verify(
      algorithm.digest,
      Buffer.from(decoded.signingInput, 'latin1'),
      { key, dsaEncoding: 'ieee-p1363', padding: algorithm.padding, saltLength: algorithm.saltLength },
      decoded.signature,
    );
  } catch {
    return false;
  }
}
