import type { EncryptionKey } from './encryption-key.js';
import type { JWK } from './jwk.js';
import type { KeyPurpose, SigningKey } from './signing-key.js';

/** Port: where the issuer's signing keys come from. */
export interface KeyStore {
  signingKey(purpose: KeyPurpose): Promise<SigningKey>;
  /** The public keys of every purpose, for a JWKS endpoint and for verifying access tokens. */
  publicJwks(): Promise<{ keys: JWK[] }>;
  /**
   * PEM certificates of the trust anchors (IACA) that the credential key's `x5c` chains to, for
   * verifiers. HAIP 1.0 keeps them out of `x5c`, so this is the only way to learn them.
   */
  trustAnchors?(): Promise<string[]>;
  /** The key wallets encrypt credential requests to (OID4VCI 1.0 Section 10); absent, requests are not encrypted. */
  encryptionKey?(): Promise<EncryptionKey>;
}
