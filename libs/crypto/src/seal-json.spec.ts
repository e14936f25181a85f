import { describe, expect, it } from '@jest/globals';
import { openSealed, sealJson } from './seal-json.js';

const secret = 'a-32-byte-secret-for-sealing-000';

describe('sealJson / openSealed', () => {
  it('round-trips a small JSON object as one base64url string', () => {
    const token = sealJson({ exp: 1700000000, n: 'abc' }, secret);
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(openSealed(token, secret)).toEqual({ exp: 1700000000, n: 'abc' });
  });

  it('hides the content and differs every time', () => {
    const a = sealJson({ exp: 1 }, secret);
    expect(a).not.toBe(sealJson({ exp: 1 }, secret));
    expect(Buffer.from(a, 'base64url').toString('latin1')).not.toContain('exp');
  });

  it('returns null when any byte was changed', () => {
    const token = sealJson({ exp: 1 }, secret);
    const bytes = Buffer.from(token, 'base64url');
    for (let index = 0; index < bytes.length; index++) {
      const tampered = Buffer.from(bytes);
      tampered[index] = (tampered[index] as number) ^ 0x01;
      expect(openSealed(tampered.toString('base64url'), secret)).toBeNull();
    }
  });

  it('returns null for another secret, another context, truncation and junk', () => {
    const token = sealJson({ exp: 1 }, secret, 'c_nonce');
    expect(openSealed(token, secret, 'c_nonce')).toEqual({ exp: 1 });
    expect(openSealed(token, 'another-secret-of-32-bytes-00000', 'c_nonce')).toBeNull();
    expect(openSealed(token, secret, 'dpop_nonce')).toBeNull();
    expect(openSealed(token.slice(0, -4), secret, 'c_nonce')).toBeNull();
    expect(openSealed('', secret)).toBeNull();
    expect(openSealed('!!!', secret)).toBeNull();
    expect(openSealed(42 as unknown as string, secret)).toBeNull();
  });

  it('refuses a secret shorter than 16 bytes', () => {
    expect(() => sealJson({}, 'short')).toThrow(RangeError);
  });
});
