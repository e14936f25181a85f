import { createPrivateKey, createPublicKey, X509Certificate, type KeyObject } from 'node:crypto';
import { checkX5cChain, checkX5cTrustAnchor, parseX5c } from './check-x5c-chain.js';
import { KeyStoreError } from './crypto-errors.js';
import { createEncryptionKey, type EncryptionKey } from './encryption-key.js';
import type { KeyStore } from './key-store.js';
import type { JWK } from './jwk.js';
import { createSigningKey, KEY_PURPOSES, type KeyPurpose, type SigningKey } from './signing-key.js';

export type Environment = Record<string, string | undefined>;

const TRUST_ANCHOR_VARIABLE = 'ISSUER_TRUST_ANCHOR_PEM';
const ENCRYPTION_KEY_VARIABLE = 'ISSUER_KEY_CREDENTIAL_REQUEST_ENCRYPTION';

/**
 * Keys from the environment: `ISSUER_KEY_<PURPOSE>` (ACCESS_TOKEN, CREDENTIAL, METADATA) holds a
 * PKCS8/SEC1/PKCS1 PEM or a private JWK; optional `ISSUER_KEY_<PURPOSE>_ALG` and
 * `ISSUER_KEY_<PURPOSE>_X5C` (PEM bundle or comma-separated base64 DER, leaf first, checked per
 * HAIP). Optional `ISSUER_TRUST_ANCHOR_PEM`: the PEM certificates of the trust anchors (IACA) that
 * the credential key's chain must end at. Optional `ISSUER_KEY_CREDENTIAL_REQUEST_ENCRYPTION`: the
 * EC key wallets encrypt credential requests to; without it, encryption is not offered. Errors name
 * the variable, never its value.
 */
export class EnvKeyStore implements KeyStore {
  readonly #env: Environment;
  readonly #keys = new Map<KeyPurpose, SigningKey>();
  #trustAnchors: X509Certificate[] | undefined;

  /** Present only when ISSUER_KEY_CREDENTIAL_REQUEST_ENCRYPTION is set (the port's method is optional). */
  readonly encryptionKey?: () => Promise<EncryptionKey>;

  constructor(env: Environment = process.env) {
    this.#env = env;
    const encryption = env[ENCRYPTION_KEY_VARIABLE];
    if (encryption !== undefined && encryption.trim() !== '') {
      let key: EncryptionKey | undefined;
      this.encryptionKey = async () => (key ??= readEncryptionKey(encryption));
    }
  }

  async signingKey(purpose: KeyPurpose): Promise<SigningKey> {
    if (!KEY_PURPOSES.includes(purpose)) throw new KeyStoreError(`unknown key purpose ${JSON.stringify(purpose)}`);
    let key = this.#keys.get(purpose);
    if (key === undefined) {
      key = this.#read(purpose);
      this.#keys.set(purpose, key);
    }
    return key;
  }

  /** Public keys of the purposes that are configured, each key once. */
  async publicJwks(): Promise<{ keys: JWK[] }> {
    const keys = new Map<string, JWK>();
    for (const purpose of KEY_PURPOSES) {
      if (this.#env[variableName(purpose)] === undefined) continue;
      const key = await this.signingKey(purpose);
      keys.set(key.kid, key.publicJwk);
    }
    return { keys: [...keys.values()] };
  }

  /** The certificates of `ISSUER_TRUST_ANCHOR_PEM`, as PEM; none when it is not set. */
  async trustAnchors(): Promise<string[]> {
    return this.#readTrustAnchors().map((anchor) => anchor.toString());
  }

  #readTrustAnchors(): X509Certificate[] {
    this.#trustAnchors ??= parseTrustAnchors(this.#env[TRUST_ANCHOR_VARIABLE]);
    return this.#trustAnchors;
  }

  #read(purpose: KeyPurpose): SigningKey {
    const name = variableName(purpose);
    const value = this.#env[name];
    if (value === undefined || value.trim() === '') throw new KeyStoreError(`${name} is not set`);
    const { privateKey, jwk } = parsePrivateKey(value, name);
    const x5cText = this.#env[`${name}_X5C`];
    const x5c = x5cText !== undefined ? parseX5c(x5cText) : Array.isArray(jwk?.x5c) ? jwk.x5c : undefined;
    if (x5c !== undefined) {
      const trustAnchors = purpose === 'credential' ? this.#readTrustAnchors() : [];
      try {
        checkX5cChain(x5c, createPublicKey(privateKey));
        if (trustAnchors.length > 0) checkX5cTrustAnchor(x5c, trustAnchors);
      } catch (error) {
        throw new KeyStoreError(`${name}_X5C: ${(error as Error).message}`);
      }
    }
    const alg = this.#env[`${name}_ALG`] ?? (typeof jwk?.alg === 'string' ? jwk.alg : undefined);
    const kid = typeof jwk?.kid === 'string' ? jwk.kid : undefined;
    try {
      return createSigningKey({ privateKey, alg, kid, x5c });
    } catch (error) {
      throw new KeyStoreError(`${name}: ${(error as Error).message}`);
    }
  }
}

function readEncryptionKey(value: string): EncryptionKey {
  try {
    return createEncryptionKey(parsePrivateKey(value, ENCRYPTION_KEY_VARIABLE).privateKey);
  } catch (error) {
    if (error instanceof KeyStoreError) throw error;
    throw new KeyStoreError(`${ENCRYPTION_KEY_VARIABLE}: ${(error as Error).message}`);
  }
}

function parseTrustAnchors(value: string | undefined): X509Certificate[] {
  if (value === undefined || value.trim() === '') return [];
  const ders = parseX5c(value);
  if (ders.length === 0) throw new KeyStoreError(`${TRUST_ANCHOR_VARIABLE} holds no certificate`);
  return ders.map((der, index) => {
    let anchor: X509Certificate;
    try {
      anchor = new X509Certificate(Buffer.from(der, 'base64'));
    } catch {
      throw new KeyStoreError(`${TRUST_ANCHOR_VARIABLE}: certificate ${index + 1} is not an X.509 certificate`);
    }
    if (!anchor.ca) throw new KeyStoreError(`${TRUST_ANCHOR_VARIABLE}: certificate ${index + 1} (${anchor.subject.replace(/\n/g, ', ')}) is not a CA certificate`);
    return anchor;
  });
}

function variableName(purpose: KeyPurpose): string {
  return `ISSUER_KEY_${purpose.toUpperCase()}`;
}

function parsePrivateKey(value: string, name: string): { privateKey: KeyObject; jwk?: JWK } {
  if (value.includes('-----BEGIN')) {
    try {
      return { privateKey: createPrivateKey(value) };
    } catch {
      throw new KeyStoreError(`${name} is not a readable private key PEM (PKCS8, SEC1 or PKCS1)`);
    }
  }
  let jwk: JWK;
  try {
    jwk = JSON.parse(value) as JWK;
  } catch {
    throw new KeyStoreError(`${name} is neither a PEM nor a JSON JWK`);
  }
  if (typeof jwk !== 'object' || jwk === null || typeof jwk.d !== 'string') throw new KeyStoreError(`${name} is a JSON value but not a private JWK (no "d")`);
  try {
    return { privateKey: createPrivateKey({ key: jwk, format: 'jwk' }), jwk };
  } catch {
    throw new KeyStoreError(`${name} is not a valid private ${String(jwk.kty)} JWK`);
  }
}
