import { describe, expect, it } from '@jest/globals';
import type { ProtocolError } from '@issuer/protocol-errors';
import { protocolErrorOf } from '@issuer/testing';
import { AUTHORIZATION_CODE_GRANT_TYPE } from './authorization-code-grant.js';
import type { FormBody } from './form-parameters.js';
import { parseTokenRequest, type ParseTokenRequestOptions } from './parse-token-request.js';
import { PRE_AUTHORIZED_CODE_GRANT_TYPE } from './pre-authorized-code-grant.js';
import { REFRESH_TOKEN_GRANT_TYPE } from './refresh-token-grant.js';

function rejection(body: FormBody, options?: ParseTokenRequestOptions): ProtocolError {
  return protocolErrorOf(() => parseTokenRequest(body, options));
}

const details = JSON.stringify([{ type: 'openid_credential', credential_configuration_id: 'pid' }]);

describe('parseTokenRequest', () => {
  it('parses a pre-authorized code request (OID4VCI 1.0 Section 6.1 example)', () => {
    const request = parseTokenRequest({ grant_type: PRE_AUTHORIZED_CODE_GRANT_TYPE, 'pre-authorized_code': 'SplxlOBeZQQYbYS6WxSbIA', tx_code: '493536', extra: 'ignored' });
    expect(request).toMatchObject({ grant_type: PRE_AUTHORIZED_CODE_GRANT_TYPE, 'pre-authorized_code': 'SplxlOBeZQQYbYS6WxSbIA', tx_code: '493536' });
    expect(request.parameters.extra).toBe('ignored');
  });

  it('parses an authorization code request', () => {
    const request = parseTokenRequest({ grant_type: 'authorization_code', code: 'c', code_verifier: 'v', redirect_uri: 'https://wallet.example.org/cb', client_id: 'wallet' });
    expect(request).toMatchObject({ grant_type: AUTHORIZATION_CODE_GRANT_TYPE, code: 'c', code_verifier: 'v', redirect_uri: 'https://wallet.example.org/cb', client_id: 'wallet' });
  });

  it('T1: refuses a pre-authorized request without pre-authorized_code, also when sent empty', () => {
    expect(rejection({ grant_type: PRE_AUTHORIZED_CODE_GRANT_TYPE })).toMatchObject({ error: 'invalid_request', reason: 'pre-authorized_code is missing' });
    expect(rejection({ grant_type: PRE_AUTHORIZED_CODE_GRANT_TYPE, 'pre-authorized_code': '' }).error).toBe('invalid_request');
  });

  it('reads an empty tx_code as omitted (RFC 6749 Section 3.2)', () => {
    expect(parseTokenRequest({ grant_type: PRE_AUTHORIZED_CODE_GRANT_TYPE, 'pre-authorized_code': 'c', tx_code: '' })).not.toHaveProperty('tx_code');
  });

  it('T11: answers an unknown grant type with unsupported_grant_type, not invalid_grant', () => {
    expect(rejection({ grant_type: 'password', username: 'u' })).toMatchObject({ error: 'unsupported_grant_type', reason: 'grant_type "password" is not supported' });
    expect(rejection({ grant_type: 'authorization_code', code: 'c' }, { grantTypesSupported: [PRE_AUTHORIZED_CODE_GRANT_TYPE] }).error).toBe('unsupported_grant_type');
  });

  it('refuses a missing grant_type with invalid_request', () => {
    expect(rejection({ 'pre-authorized_code': 'c' })).toMatchObject({ error: 'invalid_request', reason: 'grant_type is missing' });
  });

  it('refuses repeated parameters (RFC 6749 Section 3.2)', () => {
    expect(rejection({ grant_type: PRE_AUTHORIZED_CODE_GRANT_TYPE, 'pre-authorized_code': ['a', 'b'] })).toMatchObject({
      error: 'invalid_request',
      reason: 'parameter pre-authorized_code was sent 2 times',
      specRef: 'RFC 6749 Section 3.2',
    });
    expect(rejection({ grant_type: [PRE_AUTHORIZED_CODE_GRANT_TYPE, PRE_AUTHORIZED_CODE_GRANT_TYPE], 'pre-authorized_code': 'a' }).error).toBe('invalid_request');
  });

  it('T12: refuses authorization_details on a pre-authorized request unless supported', () => {
    const body = { grant_type: PRE_AUTHORIZED_CODE_GRANT_TYPE, 'pre-authorized_code': 'c', authorization_details: details };
    expect(rejection(body)).toMatchObject({ error: 'invalid_request', specRef: 'OID4VCI 1.0 Section 6.1.1' });
    expect(parseTokenRequest(body, { authorizationDetailsSupported: true })).toMatchObject({ authorization_details: [{ type: 'openid_credential', credential_configuration_id: 'pid' }] });
  });

  it('refuses malformed authorization_details', () => {
    const base = { grant_type: 'authorization_code', code: 'c' };
    expect(rejection({ ...base, authorization_details: '{not json' }).error).toBe('invalid_request');
    expect(rejection({ ...base, authorization_details: '[]' }).error).toBe('invalid_request');
    expect(rejection({ ...base, authorization_details: '[{"credential_configuration_id":"pid"}]' })).toMatchObject({ error: 'invalid_authorization_details', reason: 'authorization_details[0] is not an object with a string type' });
  });

  it('parses a refresh request (RFC 6749 Section 6)', () => {
    const request = parseTokenRequest({ grant_type: 'refresh_token', refresh_token: 'tGzv3JOkF0XG5Qx2TlKWIA', scope: 'pid', client_id: 'wallet' });
    expect(request).toMatchObject({ grant_type: REFRESH_TOKEN_GRANT_TYPE, refresh_token: 'tGzv3JOkF0XG5Qx2TlKWIA', scope: 'pid', client_id: 'wallet' });
    expect(rejection({ grant_type: 'refresh_token', refresh_token: '' })).toMatchObject({ error: 'invalid_request', reason: 'refresh_token is missing', specRef: 'RFC 6749 Section 6' });
    expect(rejection({ grant_type: 'refresh_token', refresh_token: 'r' }, { grantTypesSupported: [PRE_AUTHORIZED_CODE_GRANT_TYPE] }).error).toBe('unsupported_grant_type');
  });

  it('refuses an authorization code request without code', () => {
    expect(rejection({ grant_type: 'authorization_code', code_verifier: 'v' })).toMatchObject({ error: 'invalid_request', reason: 'code is missing' });
  });
});
