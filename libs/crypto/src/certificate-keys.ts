import { createPublicKey, type KeyObject, type webcrypto } from 'node:crypto';

/** ECDSA with SHA-256 on P-256: the ES256 of the signing keys, for certificate signatures too. */
export const ES256_CERTIFICATE_SIGNATURE = { name: 'ECDSA', hash: 'SHA-256' } as const;

/**
 * Started an hour early: verifiers whose clocks run behind accept a certificate issued now, and so do
 * those that check it at the credential's `iat`, which is rounded down to the hour for unlinkability.
 */
export const CLOCK_SKEW_MS = 60 * 60_000;

export const DAY_MS = 86_400_000;

/** The WebCrypto form of a P-256 private key, usable only to sign. */
export function certificateSigningKey(privateKey: KeyObject): webcrypto.CryptoKey {
  if (privateKey.type !== 'private' || privateKey.asymmetricKeyType !== 'ec' || privateKey.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
    throw new TypeError('a certificate is signed with a P-256 private key');
  }
  return privateKey.toCryptoKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign']);
}

/** The DER SubjectPublicKeyInfo of a key (public, or the public half of a private one). */
export function subjectPublicKeyInfo(key: KeyObject): Buffer {
  return (key.type === 'private' ? createPublicKey(key) : key).export({ type: 'spki', format: 'der' });
}
