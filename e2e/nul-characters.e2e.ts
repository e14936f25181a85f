import { describe, expect, it } from '@jest/globals';
import { CLIENT_ID, pushAuthorizationRequest } from './support/authorization.js';
import { adminApiKey, baseUrl, createIssuance, pidClaims, preAuthorizedCodeOf } from './support/issuer-api.js';
import { send, TestWallet } from './support/wallet.js';

// NUL cannot be stored in PostgreSQL text or jsonb: ids, filters, claims and names carrying one reached the database and answered 500.
const admin = () => ({ authorization: `Bearer ${adminApiKey()}`, 'content-type': 'application/json' });

describe('a NUL character anywhere in a request (found by the fuzz suite)', () => {
  it.each([
    ['an issuance id', '/admin/v1/issuances/%00'],
    ['a webhook id', '/admin/v1/webhooks/%00'],
    ['a session filter', '/admin/v1/sessions?state=%00'],
    ['a session id', '/admin/v1/sessions/%00'],
  ])('in %s of the management API is invalid_request (400)', async (_name, path) => {
    const result = await send(path, { headers: admin() });
    expect({ status: result.status, error: result.body['error'] }).toEqual({ status: 400, error: 'invalid_request' });
    expect(result.body['reason']).toContain('NUL');
  });

  it.each([
    ['an offer id', '/credential-offers/%00'],
    ['a status list id', '/status-lists/%00'],
    ['an authorization request', '/authorize?client_id=%00&request_uri=urn%3Aietf%3Aparams%3Aoauth%3Arequest_uri%3A%00'],
  ])('in %s is invalid_request (400)', async (_name, path) => {
    const result = await send(path, {});
    expect({ status: result.status, error: result.body['error'] }).toEqual({ status: 400, error: 'invalid_request' });
    expect(result.headers.get('cache-control')).toBe('no-store');
  });

  it('in a claim of a new issuance is invalid_request (400), and the API answers normally afterwards', async () => {
    const body = { credentials: [{ credential_configuration_id: 'eu.europa.ec.eudi.pid_vc_sd_jwt', claims: { ...pidClaims, family_name: 'M\u0000' } }], grant: { type: 'pre-authorized_code' } };
    const result = await send('/admin/v1/issuances', { method: 'POST', headers: admin(), body: JSON.stringify(body) });
    expect({ status: result.status, error: result.body['error'] }).toEqual({ status: 400, error: 'invalid_request' });
    expect((await createIssuance()).status).toBe('offer_sent');
  });

  it('in an API key name is invalid_request (400)', async () => {
    const result = await send('/admin/v1/api-keys', { method: 'POST', headers: admin(), body: JSON.stringify({ name: 'a\u0000', scopes: ['read'] }) });
    expect({ status: result.status, error: result.body['error'] }).toEqual({ status: 400, error: 'invalid_request' });
  });

  it('in a credential request is the endpoint error invalid_credential_request, and the access token still works', async () => {
    const wallet = new TestWallet();
    const token = await wallet.token({ grant_type: 'urn:ietf:params:oauth:grant-type:pre-authorized_code', 'pre-authorized_code': preAuthorizedCodeOf(await createIssuance()) });
    const accessToken = token.body['access_token'] as string;
    const refused = await wallet.credential(accessToken, { credential_configuration_id: 'eu.europa.ec.eudi.pid_vc_sd_jwt\u0000', proofs: { jwt: [wallet.proof(await wallet.nonce())] } });
    expect({ status: refused.status, error: refused.body['error'] }).toEqual({ status: 400, error: 'invalid_credential_request' });
    const issued = await wallet.credential(accessToken, { credential_configuration_id: 'eu.europa.ec.eudi.pid_vc_sd_jwt', proofs: { jwt: [wallet.proof(await wallet.nonce())] } });
    expect(issued.status).toBe(200);
  });

  it('in a form parameter is refused before any handler sees it (400), where the same login without it succeeds', async () => {
    const pushed = await pushAuthorizationRequest({ parameters: { scope: 'eu.europa.ec.eudi.pid_vc_sd_jwt' } });
    const form = (username: string) => new URLSearchParams({ request_uri: pushed.result.body['request_uri'] as string, client_id: CLIENT_ID, username, password: 'erika', decision: 'allow' }).toString();
    const login = (username: string) => fetch(`${baseUrl()}/authorize`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form(username), redirect: 'manual' });
    const refused = await login('erika\u0000');
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: string }).error).toBe('invalid_request');
    expect((await login('erika')).status).toBe(303);
  });
});
