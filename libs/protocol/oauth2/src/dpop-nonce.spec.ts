import { describe, expect, it } from '@jest/globals';
import { sealJson } from '@issuer/crypto';
import { checkDpopNonce, createDpopNonce, sealedDpopNoncePolicy } from './dpop-nonce.js';

const secret = 'dpop-nonce-secret-of-32-bytes-00';
const NOW = 1_760_000_000;

describe('DPoP nonces (RFC 9449 Section 8)', () => {
  it('are valid until their expiry and unpredictable', () => {
    const nonce = createDpopNonce({ secret, now: NOW, ttlSeconds: 120 });
    expect(checkDpopNonce(nonce, { secret, now: NOW + 119 })).toBe('valid');
    expect(checkDpopNonce(nonce, { secret, now: NOW + 120 })).toBe('expired');
    expect(createDpopNonce({ secret, now: NOW, ttlSeconds: 120 })).not.toBe(nonce);
  });

  it('are invalid under another secret, when altered, or when sealed for another purpose', () => {
    const nonce = createDpopNonce({ secret, now: NOW, ttlSeconds: 120 });
    expect(checkDpopNonce(nonce, { secret: 'another-secret-of-32-bytes-00000', now: NOW })).toBe('invalid');
    expect(checkDpopNonce(`${nonce.slice(0, -2)}AA`, { secret, now: NOW })).toBe('invalid');
    expect(checkDpopNonce(sealJson({ exp: NOW + 100 }, secret, 'c_nonce'), { secret, now: NOW })).toBe('invalid');
  });

  it('back the nonce policy of verifyDpopProof', () => {
    const policy = sealedDpopNoncePolicy({ secret, now: NOW, ttlSeconds: 60, required: true });
    expect(policy.required).toBe(true);
    expect(policy.isValid(policy.fresh())).toBe(true);
    expect(policy.isValid('random')).toBe(false);
  });
});
