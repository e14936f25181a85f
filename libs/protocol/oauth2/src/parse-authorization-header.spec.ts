import { describe, expect, it } from '@jest/globals';
import type { ProtocolError } from '@issuer/protocol-errors';
import { protocolErrorOf } from '@issuer/testing';
import { parseAuthorization, type AuthorizationHeaderInput } from './parse-authorization-header.js';

const TOKEN = 'eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJzIn0.c2ln';

function rejection(input: Partial<AuthorizationHeaderInput>): ProtocolError {
  return protocolErrorOf(() => parseAuthorization({ authorization: [], dpop: [], ...input }));
}

describe('parseAuthorization', () => {
  it('reads DPoP and Bearer credentials, scheme names in any case', () => {
    expect(parseAuthorization({ authorization: [`DPoP ${TOKEN}`], dpop: ['proof'] })).toEqual({ scheme: 'DPoP', token: TOKEN });
    expect(parseAuthorization({ authorization: [`dpop ${TOKEN}`], dpop: ['proof'] })).toEqual({ scheme: 'DPoP', token: TOKEN });
    expect(parseAuthorization({ authorization: [`BEARER ${TOKEN}`], dpop: [] })).toEqual({ scheme: 'Bearer', token: TOKEN });
  });

  it('C2: answers a missing Authorization header with invalid_token', () => {
    expect(rejection({})).toMatchObject({ error: 'invalid_token', reason: 'no Authorization header', specRef: 'RFC 6750 Section 3.1' });
  });

  it('C3: refuses a token in the query string', () => {
    expect(rejection({ queryAccessToken: true })).toMatchObject({ error: 'invalid_token', specRef: 'RFC 6750 Section 2.3' });
    expect(rejection({ queryAccessToken: true, authorization: [`Bearer ${TOKEN}`] })).toMatchObject({ error: 'invalid_request' });
  });

  it('D16: refuses Bearer together with a DPoP header', () => {
    expect(rejection({ authorization: [`Bearer ${TOKEN}`], dpop: ['proof'] })).toMatchObject({ error: 'invalid_request', specRef: 'RFC 9449 Section 7.2' });
  });

  it('refuses other schemes, malformed credentials and repeated headers without echoing the token', () => {
    expect(rejection({ authorization: ['Basic dXNlcjpwYXNz'] })).toMatchObject({ error: 'invalid_token', reason: 'Authorization scheme Basic is not DPoP or Bearer' });
    const malformed = rejection({ authorization: ['Bearer a b'] });
    expect(malformed.error).toBe('invalid_token');
    expect(rejection({ authorization: ['Bearer'] }).error).toBe('invalid_token');
    const secretToken = 'secret,token';
    const error = rejection({ authorization: [`Bearer ${secretToken}`] });
    expect([error.message, error.reason, error.help, error.description].join(' ')).not.toContain(secretToken);
    expect(rejection({ authorization: [`Bearer ${TOKEN}`, `Bearer ${TOKEN}`] }).error).toBe('invalid_request');
  });
});
