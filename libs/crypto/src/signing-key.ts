import { createPublicKey, type KeyObject } from 'node:crypto';
import { inspect } from 'node:util';
import { jwkThumbprint } from './jwk-thumbprint.js';
import type { JWK } from './jwk.js';
import { algorithmForKey, assertKeyFitsAlgorithm, jwsAlgorithm } from './jws-algorithms.js';

export type KeyPurpose = 'access_token' | 'credential' | 'metadata';

export const KEY_PURPOSES: readonly KeyPurpose[] = ['access_token', 'credential', 'metadata'];

/** What may be shown of a signing key: everything but the private key. */
export interface PublicSigningKeyView {
  kid: string;
  alg: string;
  publicJwk: JWK;
  x5c?: string[];
}

export interface SigningKey extends PublicSigningKeyView {
  /** Not enumerable: spreads, `Object.entries`, JSON and `util.inspect` never see it. */
  readonly privateKey: KeyObject;
  toJSON(): PublicSigningKeyView;
}

export interface SigningKeyInit {
  privateKey: KeyObject;
  /** Defaults to what the key implies (ES256 for P-256). */
  alg?: string;
  /** Defaults to the RFC 7638 thumbprint of the public key. */
  kid?: string;
  /** RFC 7515 Section 4.1.6: base64 (not base64url) DER certificates, leaf first. */
  x5c?: string[];
}

export function createSigningKey(init: SigningKeyInit): SigningKey {
  if (init.privateKey.type !== 'private') throw new TypeError(`a signing key needs a private key, got a ${init.privateKey.type} key`);
  const alg = init.alg ?? algorithmForKey(init.privateKey);
  assertKeyFitsAlgorithm(init.privateKey, jwsAlgorithm(alg));
  const exported = createPublicKey(init.privateKey).export({ format: 'jwk' }) as JWK;
  const kid = init.kid ?? jwkThumbprint(exported);
  const x5c = init.x5c ? Object.freeze([...init.x5c]) : undefined;
  const publicJwk: JWK = Object.freeze({ ...exported, kid, alg, use: 'sig', ...(x5c && { x5c: x5c as string[] }) });
  const view: PublicSigningKeyView = { kid, alg, publicJwk, ...(x5c && { x5c: x5c as string[] }) };
  const key = {
    ...view,
    toJSON: (): PublicSigningKeyView => ({ ...view }),
    [inspect.custom]: () => `SigningKey ${JSON.stringify(view)}`,
  };
  Object.defineProperty(key, 'privateKey', { value: init.privateKey, enumerable: false, writable: false });
  Object.defineProperty(key, 'toJSON', { enumerable: false });
  Object.defineProperty(key, inspect.custom, { enumerable: false });
  return Object.freeze(key) as unknown as SigningKey;
}
