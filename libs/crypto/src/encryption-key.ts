import { createPublicKey, type KeyObject } from 'node:crypto';
import { inspect } from 'node:util';
import { jwkThumbprint } from './jwk-thumbprint.js';
import type { JWK } from './jwk.js';

/** OID4VCI 1.0 Section 10: the key management algorithm of encrypted credential requests. */
export const REQUEST_ENCRYPTION_ALG = 'ECDH-ES';

/** What may be shown of an encryption key: everything but the private key. */
export interface PublicEncryptionKeyView {
  kid: string;
  /** With `use: enc` and `alg`, as the metadata's `credential_request_encryption.jwks` lists it. */
  publicJwk: JWK;
}

export interface EncryptionKey extends PublicEncryptionKeyView {
  /** Not enumerable: spreads, `Object.entries`, JSON and `util.inspect` never see it. */
  readonly privateKey: KeyObject;
}

/** An ECDH-ES (P-256) key wallets encrypt credential requests to; its kid is its RFC 7638 thumbprint. */
export function createEncryptionKey(privateKey: KeyObject): EncryptionKey {
  if (privateKey.type !== 'private' || privateKey.asymmetricKeyType !== 'ec') throw new TypeError('an encryption key needs an EC private key');
  const exported = createPublicKey(privateKey).export({ format: 'jwk' }) as JWK;
  const kid = jwkThumbprint(exported);
  const view: PublicEncryptionKeyView = { kid, publicJwk: Object.freeze({ ...exported, kid, use: 'enc', alg: REQUEST_ENCRYPTION_ALG }) };
  const key = { ...view, toJSON: (): PublicEncryptionKeyView => ({ ...view }), [inspect.custom]: () => `EncryptionKey ${JSON.stringify(view)}` };
  Object.defineProperty(key, 'privateKey', { value: privateKey, enumerable: false, writable: false });
  Object.defineProperty(key, 'toJSON', { enumerable: false });
  return key as unknown as EncryptionKey;
}
