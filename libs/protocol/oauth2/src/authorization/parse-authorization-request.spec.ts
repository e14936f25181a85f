import { describe, expect, it } from '@jest/globals';
import { protocolErrorOf } from '@issuer/testing';
import { parseAuthorizationRequest } from './parse-authorization-request.js';

const valid = {
  response_type: 'code',
  client_id: 'wallet-client',
  redirect_uri: 'https://wallet.example/cb',
  code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
  code_challenge_method: 'S256',
  state: 'xyz',
  authorization_details: JSON.stringify([{ type: 'openid_credential', credential_configuration_id: 'pid' }]),
};

const refusal = (parameters: Record<string, string | undefined>, pushed = true) =>
  protocolErrorOf(() => parseAuthorizationRequest(Object.fromEntries(Object.entries(parameters).filter(([, value]) => value !== undefined)) as Record<string, string>, { pushed }));

describe('parseAuthorizationRequest (RFC 9126 Section 2.1, NEGATIVE-TESTS A1-A4)', () => {
  it('reads a pushed authorization request', () => {
    expect(parseAuthorizationRequest({ ...valid, issuer_state: 'st', dpop_jkt: 'NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs' }, { pushed: true })).toEqual({
      client_id: 'wallet-client',
      redirect_uri: 'https://wallet.example/cb',
      code_challenge: valid.code_challenge,
      code_challenge_method: 'S256',
      state: 'xyz',
      authorization_details: [{ type: 'openid_credential', credential_configuration_id: 'pid' }],
      issuer_state: 'st',
      dpop_jkt: 'NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs',
    });
  });

  it('A1-A3: requires an S256 code_challenge of the right shape', () => {
    expect(refusal({ ...valid, code_challenge: undefined })).toMatchObject({ error: 'invalid_request', reason: 'code_challenge is missing' });
    expect(refusal({ ...valid, code_challenge_method: 'plain' })).toMatchObject({ error: 'invalid_request', reason: expect.stringContaining('"plain" is not S256') });
    expect(refusal({ ...valid, code_challenge: 'short' })).toMatchObject({ error: 'invalid_request', specRef: 'RFC 7636 Section 4.2' });
  });

  it('A4: refuses request_uri inside a pushed request, but not at the authorization endpoint', () => {
    expect(refusal({ ...valid, request_uri: 'urn:ietf:params:oauth:request_uri:x' })).toMatchObject({ error: 'invalid_request', specRef: 'RFC 9126 Section 2.1' });
    expect(parseAuthorizationRequest({ ...valid, request_uri: 'urn:x' }, { pushed: false }).client_id).toBe('wallet-client');
  });

  it('refuses another response_type, no client_id, no or a bad redirect_uri, a malformed dpop_jkt', () => {
    expect(refusal({ ...valid, response_type: 'token' })).toMatchObject({ error: 'unsupported_response_type', status: 400 });
    expect(refusal({ ...valid, client_id: undefined })).toMatchObject({ error: 'invalid_request', reason: 'client_id is missing' });
    expect(refusal({ ...valid, redirect_uri: undefined })).toMatchObject({ error: 'invalid_request', reason: 'redirect_uri is missing' });
    expect(refusal({ ...valid, redirect_uri: '/relative' })).toMatchObject({ error: 'invalid_request', reason: expect.stringContaining('not an absolute URI') });
    expect(refusal({ ...valid, redirect_uri: 'https://wallet.example/cb#frag' })).toMatchObject({ reason: 'redirect_uri has a fragment' });
    expect(refusal({ ...valid, redirect_uri: 'javascript:alert(1)' })).toMatchObject({ error: 'invalid_request' });
    expect(refusal({ ...valid, dpop_jkt: 'abc' })).toMatchObject({ error: 'invalid_request', specRef: 'RFC 9449 Section 10' });
  });
});
