import { openSealed, randomToken, sealJson } from '@issuer/crypto';

const CONTEXT = 'c_nonce';

export type CNonceStatus = 'valid' | 'expired' | 'invalid';

/**
 * OID4VCI 1.0 Section 7.2: an unpredictable c_nonce. It is sealed with its expiry and a random part
 * (Section 13.8 leaves the lifetime to the issuer), so checking it needs no storage.
 */
export function createCNonce({ secret, now, ttlSeconds }: { secret: string | Uint8Array; now: number; ttlSeconds: number }): string {
  return sealJson({ exp: now + ttlSeconds, r: randomToken(12) }, secret, CONTEXT);
}

export function checkCNonce(value: string, { secret, now }: { secret: string | Uint8Array; now: number }): CNonceStatus {
  const sealed = openSealed(value, secret, CONTEXT);
  if (sealed === null || typeof sealed.exp !== 'number') return 'invalid';
  return sealed.exp > now ? 'valid' : 'expired';
}
