import { createHash, randomUUID } from 'node:crypto';
import { signCompactJws } from './sign-compact-jws.js';
import type { WalletKey } from './wallet-key.js';

export interface CreateDpopProofOptions {
  key: WalletKey;
  htm: string;
  htu: string;
  /** Adds `ath`, the hash of the access token the proof accompanies. */
  accessToken?: string;
  nonce?: string;
  /** Epoch seconds; defaults to now. */
  iat?: number;
  jti?: string;
  /** Members to replace or add; a member set to undefined is left out. */
  overrides?: { header?: Record<string, unknown>; payload?: Record<string, unknown> };
}

/** A DPoP proof JWT (RFC 9449 Section 4.2). */
export function createDpopProof(options: CreateDpopProofOptions): string {
  const header = { typ: 'dpop+jwt', alg: 'ES256', jwk: options.key.publicJwk, ...options.overrides?.header };
  const payload = {
    jti: options.jti ?? randomUUID(),
    htm: options.htm,
    htu: options.htu,
    iat: options.iat ?? Math.floor(Date.now() / 1000),
    // RFC 9449 Section 4.2: ath is the base64url SHA-256 of the ASCII access token.
    ...(options.accessToken !== undefined && { ath: createHash('sha256').update(options.accessToken, 'ascii').digest('base64url') }),
    ...(options.nonce !== undefined && { nonce: options.nonce }),
    ...options.overrides?.payload,
  };
  return signCompactJws(header, payload, options.key.privateKey);
}
