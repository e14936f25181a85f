import { describe, expect, it } from '@jest/globals';
import { JwsFormatError } from './crypto-errors.js';
import { decodeJws } from './decode-jws.js';

const b64 = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

function formatError(compact: unknown): JwsFormatError {
  try {
    decodeJws(compact as string);
  } catch (error) {
    if (error instanceof JwsFormatError) return error;
    throw error;
  }
  throw new Error('decodeJws accepted the input');
}

describe('decodeJws', () => {
  it('splits a compact JWS into header, payload, signing input and signature (RFC 7515 Appendix A.3)', () => {
    const compact =
      'eyJhbGciOiJFUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.DtEhU3ljbEg8L38VWAfUAqOyKAM6-Xx-F4GawxaepmXFCgfTjDxw5djxLa8ISlSApmWQxfKTUJqPP3-Kg6NU1Q';
    const decoded = decodeJws(compact);
    expect(decoded.header).toEqual({ alg: 'ES256' });
    expect(decoded.payload).toEqual({ iss: 'joe', exp: 1300819380, 'http://example.com/is_root': true });
    expect(decoded.signingInput).toBe(compact.slice(0, compact.lastIndexOf('.')));
    expect(decoded.signature).toHaveLength(64);
  });

  it('lets an empty signature through so that alg none can be refused by name', () => {
    expect(decodeJws(`${b64({ alg: 'none' })}.${b64({})}.`).signature).toHaveLength(0);
  });

  it.each([
    ['two segments', `${b64({ alg: 'ES256' })}.${b64({})}`],
    ['five segments (a JWE)', 'a.b.c.d.e'],
    ['four segments', `${b64({})}.${b64({})}.AA.AA`],
    ['no dots', 'not-a-jwt'],
  ])('refuses %s', (_, compact) => {
    expect(formatError(compact).code).toBe('ERR_JWS_SEGMENTS');
  });

  it('refuses a value that is not a string', () => {
    expect(formatError(42).code).toBe('ERR_JWS_SEGMENTS');
  });

  it('refuses bad base64url in each part and names the part', () => {
    expect(formatError(`e30=.${b64({})}.AA`)).toMatchObject({ code: 'ERR_JWS_BASE64URL', part: 'header' });
    expect(formatError(`${b64({})}.e30+.AA`)).toMatchObject({ code: 'ERR_JWS_BASE64URL', part: 'payload' });
    expect(formatError(`${b64({})}.${b64({})}.A/A`)).toMatchObject({ code: 'ERR_JWS_BASE64URL', part: 'signature' });
    expect(formatError(`.${b64({})}.AA`)).toMatchObject({ code: 'ERR_JWS_BASE64URL', part: 'header' });
  });

  it('refuses a header or payload that is not JSON', () => {
    expect(formatError(`${b64('{alg:ES256}')}.${b64({})}.AA`)).toMatchObject({ code: 'ERR_JWS_JSON', part: 'header' });
    expect(formatError(`${b64({})}.${b64('hello')}.AA`)).toMatchObject({ code: 'ERR_JWS_JSON', part: 'payload' });
  });

  it.each([
    ['an array', [1]],
    ['null', null],
    ['a string', 'text'],
    ['a number', 7],
  ])('refuses a payload that is %s', (_, payload) => {
    const error = formatError(`${b64({ alg: 'ES256' })}.${b64(JSON.stringify(payload))}.AA`);
    expect(error).toMatchObject({ code: 'ERR_JWS_NOT_OBJECT', part: 'payload' });
  });

  it('refuses a header that is an array', () => {
    expect(formatError(`${b64([{ alg: 'ES256' }])}.${b64({})}.AA`)).toMatchObject({ code: 'ERR_JWS_NOT_OBJECT', part: 'header' });
  });
});
