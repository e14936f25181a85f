import { describe, expect, it } from '@jest/globals';
import { randomToken } from './random-token.js';
import { timingSafeEqualString } from './timing-safe-equal-string.js';

describe('timingSafeEqualString', () => {
  it('is true only for identical strings, including different lengths and unicode', () => {
    expect(timingSafeEqualString('493536', '493536')).toBe(true);
    expect(timingSafeEqualString('493536', '493537')).toBe(false);
    expect(timingSafeEqualString('493536', '4935361')).toBe(false);
    expect(timingSafeEqualString('', '')).toBe(true);
    expect(timingSafeEqualString('', 'a')).toBe(false);
    expect(timingSafeEqualString('é', 'e\u0301')).toBe(false);
  });
});

describe('randomToken', () => {
  it('gives base64url of the requested number of random bytes, 32 by default', () => {
    expect(Buffer.from(randomToken(), 'base64url')).toHaveLength(32);
    expect(randomToken(16)).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(randomToken()).not.toBe(randomToken());
  });
});
