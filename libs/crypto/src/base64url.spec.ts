import { describe, expect, it } from '@jest/globals';
import { base64urlDecode, base64urlEncode, isBase64url } from './base64url.js';
import { sha256Base64url } from './sha256-base64url.js';

describe('base64url', () => {
  it('encodes strings as UTF-8 and bytes as they are, without padding', () => {
    expect(base64urlEncode('{"alg":"ES256"}')).toBe('eyJhbGciOiJFUzI1NiJ9');
    expect(base64urlEncode(new Uint8Array([0xfb, 0xff, 0xfe]))).toBe('-__-');
    expect(base64urlEncode('é')).toBe('w6k');
  });

  it('encodes only the viewed part of a byte array', () => {
    const bytes = new Uint8Array([1, 2, 3, 4]).subarray(1, 3);
    expect(base64urlEncode(bytes)).toBe(Buffer.from([2, 3]).toString('base64url'));
  });

  it('decodes canonical base64url and refuses padding, base64 characters and junk', () => {
    expect(base64urlDecode('-__-')).toEqual(Buffer.from([0xfb, 0xff, 0xfe]));
    expect(base64urlDecode('')).toEqual(Buffer.alloc(0));
    expect(base64urlDecode('w6k=')).toBeNull();
    expect(base64urlDecode('+/8=')).toBeNull();
    expect(base64urlDecode('ab cd')).toBeNull();
    expect(base64urlDecode('abcde')).toBeNull();
  });

  it('refuses non-canonical trailing bits so that one value has one spelling', () => {
    expect(isBase64url('w6k')).toBe(true);
    expect(isBase64url('w6l')).toBe(false);
    expect(isBase64url('AQ')).toBe(true);
    expect(isBase64url('AR')).toBe(false);
  });
});

describe('sha256Base64url', () => {
  it('hashes strings and bytes (RFC 7636 Appendix B example)', () => {
    expect(sha256Base64url('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
    expect(sha256Base64url(Buffer.from('abc'))).toBe('ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0');
  });
});
