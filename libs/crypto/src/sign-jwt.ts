import { sign, type KeyObject } from 'node:crypto';
import { base64urlEncode } from './base64url.js';
import { JwsAlgError } from './crypto-errors.js';
import type { JsonObject } from './decode-jws.js';
import { assertKeyFitsAlgorithm, jwsAlgorithm } from './jws-algorithms.js';

export interface JwtToSign {
  header: JsonObject;
  payload: JsonObject;
}

/** A `SigningKey`, or anything else holding a private key and (optionally) its alg. */
export interface PrivateSigningKey {
  privateKey: KeyObject;
  alg?: string;
}

/** Compact JWS (RFC 7515 Section 7.1) signed with node:crypto; `alg` from the header, else the key, else ES256. */
export function signJwt({ header, payload }: JwtToSign, key: PrivateSigningKey): string {
  const alg = header.alg ?? key.alg ?? 'ES256';
  if (key.alg !== undefined && alg !== key.alg) throw new JwsAlgError('ERR_JWS_ALG_KEY_MISMATCH', `header alg ${String(alg)} differs from the key's alg ${key.alg}`);
  const algorithm = jwsAlgorithm(alg);
  assertKeyFitsAlgorithm(key.privateKey, algorithm);
  const signingInput = `${base64urlEncode(JSON.stringify({ ...header, alg }))}.${base64urlEncode(JSON.stringify(payload))}`;
  const signature = sign(algorithm.digest, Buffer.from(signingInput, 'latin1'), {
    key: key.privateKey,
    dsaEncoding: 'ieee-p1363',
    padding: algorithm.padding,
    saltLength: algorithm.saltLength,
  });
  return `${signingInput}.${signature.toString('base64url')}`;
}
