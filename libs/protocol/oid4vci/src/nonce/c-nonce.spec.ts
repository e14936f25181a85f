import { describe, expect, it } from '@jest/globals';
import { sealJson } from '@issuer/crypto';
import { checkCNonce, createCNonce } from './c-nonce.js';

const secret = 'c-nonce-secret-of-at-least-32-by';
const NOW = 1_760_000_000;

describe('c_nonce', () => {
  it('is valid until it expires, then expired', () => {
    const nonce = createCNonce({ secret, now: NOW, ttlSeconds: 300 });
    expect(checkCNonce(nonce, { secret, now: NOW })).toBe('valid');
    expect(checkCNonce(nonce, { secret, now: NOW + 299 })).toBe('valid');
    expect(checkCNonce(nonce, { secret, now: NOW + 300 })).toBe('expired');
  });

  it('C1: is fresh and unpredictable every time, and reveals nothing of its content', () => {
    const nonces = new Set(Array.from({ length: 50 }, () => createCNonce({ secret, now: NOW, ttlSeconds: 300 })));
    expect(nonces.size).toBe(50);
    const [nonce] = nonces;
    expect(Buffer.from(nonce as string, 'base64url').toString('latin1')).not.toContain(String(NOW + 300));
  });

  it('C7: a random value, another secret, an altered nonce or a DPoP nonce are invalid', () => {
    const nonce = createCNonce({ secret, now: NOW, ttlSeconds: 300 });
    expect(checkCNonce('LarRGSbmUPYtRYO6BQ4yn8', { secret, now: NOW })).toBe('invalid');
    expect(checkCNonce(nonce, { secret: 'a-different-secret-of-32-bytes-0', now: NOW })).toBe('invalid');
    const altered = `${nonce.slice(0, 10)}${nonce[10] === 'A' ? 'B' : 'A'}${nonce.slice(11)}`;
    expect(checkCNonce(altered, { secret, now: NOW })).toBe('invalid');
    expect(checkCNonce(sealJson({ exp: NOW + 300 }, secret, 'dpop_nonce'), { secret, now: NOW })).toBe('invalid');
  });
});
