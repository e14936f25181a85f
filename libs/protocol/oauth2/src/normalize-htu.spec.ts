import { describe, expect, it } from '@jest/globals';
import { normalizeHtu } from './normalize-htu.js';

describe('normalizeHtu (RFC 9449 Section 4.3, RFC 3986 Section 6.2)', () => {
  it.each([
    ['HTTPS://Issuer.Example.COM/token', 'https://issuer.example.com/token'],
    ['https://issuer.example.com:443/token?x=1#f', 'https://issuer.example.com/token'],
    ['http://issuer.example.com:80/a/./b/../token', 'http://issuer.example.com/a/token'],
    ['https://issuer.example.com', 'https://issuer.example.com/'],
    ['https://issuer.example.com/%7euser/%2f', 'https://issuer.example.com/~user/%2F'],
    ['https://issuer.example.com:8443/token', 'https://issuer.example.com:8443/token'],
  ])('normalises %s to %s', (input, expected) => {
    expect(normalizeHtu(input)).toBe(expected);
  });

  it('returns null for relative references and other schemes', () => {
    expect(normalizeHtu('/token')).toBeNull();
    expect(normalizeHtu('urn:example:token')).toBeNull();
    expect(normalizeHtu('ftp://issuer.example.com/token')).toBeNull();
  });
});
