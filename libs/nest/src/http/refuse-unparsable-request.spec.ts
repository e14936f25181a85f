import { describe, expect, it } from '@jest/globals';
import { refusalOf } from './refuse-unparsable-request.js';

const parserError = (code: string) => Object.assign(new Error('parse'), { code });

describe('refusalOf', () => {
  it('answers headers over the parser limit with 431 (RFC 6585 Section 5)', () => {
    expect(refusalOf(parserError('HPE_HEADER_OVERFLOW'))).toMatchObject({ status: 431, error: 'invalid_request', spec_ref: 'RFC 6585 Section 5' });
  });

  it('answers a request that did not arrive in time with 408', () => {
    expect(refusalOf(parserError('ERR_HTTP_REQUEST_TIMEOUT'))).toMatchObject({ status: 408, spec_ref: 'RFC 9110 Section 15.5.9' });
  });

  it('answers anything else the parser refused with 400, naming the parser\'s code', () => {
    const refusal = refusalOf(parserError('HPE_INVALID_METHOD'));
    expect(refusal).toMatchObject({ status: 400, error: 'invalid_request', spec_ref: 'RFC 9112 Section 2.2' });
    expect(refusal.reason).toContain('HPE_INVALID_METHOD');
  });
});
