import { openSealed, randomToken, sealJson } from '@issuer/crypto';

const CONTEXT = 'dpop_nonce';

export interface DpopNonceSecret {
  secret: string | Uint8Array;
  now: number;
}

/** RFC 9449 Section 8: a server-provided nonce, sealed with its expiry so no state is kept. */
export function createDpopNonce({ secret, now, ttlSeconds }: DpopNonceSecret & { ttlSeconds: number }): string {
  return sealJson({ exp: now + ttlSeconds, r: randomToken(8) }, secret, CONTEXT);
}

export function checkDpopNonce(value: string, { secret, now }: DpopNonceSecret): 'valid' | 'expired' | 'invalid' {
  const sealed = openSealed(value, secret, CONTEXT);
  if (sealed === null || typeof sealed.exp !== 'number') return 'invalid';
  return sealed.exp > now ? 'valid' : 'expired';
}

/** The nonce policy `verifyDpopProof` takes, backed by sealed nonces. */
export function sealedDpopNoncePolicy(options: DpopNonceSecret & { ttlSeconds: number; required: boolean }): {
  required: boolean;
  isValid: (nonce: string) => boolean;
  fresh: () => string;
} {
  return {
    required: options.required,
    isValid: (nonce) => checkDpopNonce(nonce, options) === 'valid',
    fresh: () => createDpopNonce(options),
  };
}
