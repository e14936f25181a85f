import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createWalletKey, didJwkOf } from '@issuer/testing';
import { createLocalJWKSet, jwtVerify, type JWK } from 'jose';
import { EBSI_TYPES, verifyJwtVcJson } from './interop/verify-jwt-vc-json.js';
import { EbsiWallet, EBSI_REDIRECT_URI } from './support/ebsi-wallet.js';
import { expectProtocolError } from './support/expect-error.js';
import { startPlatform, type Mode, type PlatformUnderTest } from './support/global-setup.js';
import { adminApiKey, baseUrl, createIssuance, eventually, getIssuance, timelineWith, type ManagementApi } from './support/issuer-api.js';
import { send, type HttpResult } from './support/wallet.js';

const EBSI_CONFIGURATION = 'CTWalletSameInTime';
const REQUEST_TTL_SECONDS = 4;
const defaultApi = (): ManagementApi => ({ baseUrl: baseUrl(), adminApiKey: adminApiKey() });

async function ebsiIssuance(api: ManagementApi, options: { deferred?: boolean; compatibilityProfile?: 'strict-1.0' } = {}) {
  const issuance = await createIssuance({ authorizationCode: true, credentialConfigurationId: EBSI_CONFIGURATION, ...(!options.deferred && { claims: { given_name: 'Erika' } }), ...options }, api);
  return { issuance, issuerState: (issuance.credential_offer.grants['authorization_code'] as { issuer_state: string }).issuer_state };
}

/** Through the ID Token Request to the redirect with the code, on the default platform (PAR). */
async function authorizedByDid(options: { deferred?: boolean } = {}) {
  const { issuance, issuerState } = await ebsiIssuance(defaultApi(), options);
  const wallet = new EbsiWallet(baseUrl());
  const request = await wallet.receiveIdTokenRequest(await wallet.authorizePushed({ issuer_state: issuerState }));
  return { issuance, wallet, request };
}

function redirectOf(response: Response): URL {
  expect(response.status).toBe(302);
  return new URL(response.headers.get('location') as string);
}

async function verifyIssuerIdToken(idToken: string, issuer: string, wallet: EbsiWallet) {
  const { keys } = (await (await fetch(`${issuer}/jwks`)).json()) as { keys: JWK[] };
  return (await jwtVerify(idToken, createLocalJWKSet({ keys }), { issuer, audience: wallet.did, subject: wallet.did })).payload;
}

describe('EBSI v4 same-device authorization code flow (holder authenticated by its DID)', () => {
  let platform: PlatformUnderTest;
  let plainApi: ManagementApi;

  // EBSI's wallets send the authorization request straight to /authorize: an issuer run with REQUIRE_PAR=false.
  beforeAll(async () => {
    const mode = (process.env['E2E_MODE'] ?? 'embedded') as Mode;
    // A short request lifetime, so that an ID Token answering too late can be shown refused.
    platform = await startPlatform(mode, Number(new URL(baseUrl()).port) + 40, { REQUIRE_PAR: 'false', REQUEST_URI_TTL_SECONDS: String(REQUEST_TTL_SECONDS) });
    plainApi = { baseUrl: platform.baseUrl, adminApiKey: platform.adminApiKey };
  }, 120_000);

  afterAll(async () => {
    await platform?.stop();
  });

  it('in time: /authorize with client_metadata, the ID Token Request to openid://, the ID Token at /direct_post, the code, a token with id_token and c_nonce, the draft 11 credential', async () => {
    const { issuance, issuerState } = await ebsiIssuance(plainApi);
    const wallet = new EbsiWallet(platform.baseUrl);

    // As EBSI's conformance wallets ask: draft 11 authorization_details with format, types and locations.
    const authorizationDetails = JSON.stringify([{ type: 'openid_credential', format: 'jwt_vc', types: EBSI_TYPES, locations: [platform.baseUrl] }]);
    const request = await wallet.receiveIdTokenRequest(await wallet.authorizePlain({ issuer_state: issuerState, authorization_details: authorizationDetails }));
    expect(request.location.protocol).toBe('openid:');
    expect(request.parameters).toMatchObject({ client_id: platform.baseUrl, response_type: 'id_token', response_mode: 'direct_post', redirect_uri: `${platform.baseUrl}/direct_post`, scope: 'openid' });
    expect(request.requestObject).toMatchObject({ nonce: request.parameters['nonce'], state: request.parameters['state'], redirect_uri: `${platform.baseUrl}/direct_post`, response_type: 'id_token' });

    const answered = redirectOf(await wallet.directPost({ id_token: wallet.idToken(request.parameters['nonce']), state: request.parameters['state'] as string }, request.parameters['redirect_uri']));
    expect(answered.protocol).toBe('openid:');
    const code = answered.searchParams.get('code') as string;
    expect(Object.fromEntries(answered.searchParams)).toEqual({ code: expect.any(String), state: wallet.state, iss: platform.baseUrl });

    const token = await wallet.token(code);
    expect(token.status).toBe(200);
    expect(token.body).toMatchObject({ token_type: 'Bearer', expires_in: expect.any(Number), c_nonce: expect.any(String), c_nonce_expires_in: expect.any(Number), id_token: expect.any(String) });
    expect(await verifyIssuerIdToken(token.body['id_token'] as string, platform.baseUrl, wallet)).toMatchObject({ nonce: wallet.nonce });
    expect(token.body['authorization_details']).toBeUndefined();

    const result = await wallet.credential(token.body['access_token'] as string, EBSI_TYPES, token.body['c_nonce'] as string);
    expect(result.status).toBe(200);
    expect(Object.keys(result.body).sort()).toEqual(['c_nonce', 'c_nonce_expires_in', 'credential', 'format']);
    const { payload } = await verifyJwtVcJson(result.body['credential'] as string, platform.baseUrl);
    expect(payload['vc']).toMatchObject({ type: EBSI_TYPES, credentialSubject: { given_name: 'Erika' } });
    // Bound to the key of the holder's DID, the one its key proof named by kid.
    expect(payload['cnf']).toEqual({ jwk: { kty: 'EC', crv: 'P-256', x: wallet.key.publicJwk.x, y: wallet.key.publicJwk.y, kid: wallet.proofKid } });
    expect(payload.sub).toBe(wallet.did);

    const timeline = await timelineWith(issuance.session_id, (entry) => entry.message === 'Access token issued', plainApi);
    const messages = timeline.entries.map((entry) => entry.message);
    expect(messages).toEqual(
      expect.arrayContaining([
        'Authorization request of a draft translated to OID4VCI 1.0',
        'Authorization request of EBSI v4: the holder\'s DID will be authenticated by an ID Token Request',
        'ID Token Request sent to the holder (EBSI v4)',
        'ID Token response received',
        'Holder DID authenticated by its ID Token',
        'Authorization code issued for the holder\'s DID',
        'ID Token issued with the token response (EBSI v4)',
      ]),
    );
    expect(messages.indexOf('ID Token Request sent to the holder (EBSI v4)')).toBeLessThan(messages.indexOf('Holder DID authenticated by its ID Token'));
    expect(timeline.entries.find((entry) => entry.message === 'Holder DID authenticated by its ID Token')?.data).toMatchObject({ did: wallet.did });
    expect(JSON.stringify(timeline.entries)).not.toContain(code);
  });

  it('refuses an ID Token that comes after the authorization request expired, on the session timeline', async () => {
    const { issuance, issuerState } = await ebsiIssuance(plainApi);
    const wallet = new EbsiWallet(platform.baseUrl);
    const request = await wallet.receiveIdTokenRequest(await wallet.authorizePlain({ issuer_state: issuerState }));
    expect(request.requestObject['exp']).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000) + REQUEST_TTL_SECONDS);
    await new Promise((resolve) => setTimeout(resolve, (REQUEST_TTL_SECONDS + 0.5) * 1000));
    const late = await asResult(wallet.directPost({ id_token: wallet.idToken(request.parameters['nonce']), state: request.parameters['state'] as string }));
    expect({ status: late.status, error: late.body['error'] }).toEqual({ status: 400, error: 'invalid_request' });
    const timeline = await timelineWith(issuance.session_id, (entry) => entry.level === 'error' && String(entry.data?.['reason']).includes('expired'), plainApi);
    expect(timeline.entries.find((entry) => entry.level === 'error')?.data).toMatchObject({ error: 'invalid_request', spec_ref: 'OpenID4VP 1.0 Section 8.2' });
  });

  it('deferred: through PAR, 202 with a transaction_id, then the credential once the operator supplies the claims', async () => {
    const { issuance, wallet, request } = await authorizedByDid({ deferred: true });
    const code = redirectOf(await wallet.directPost({ id_token: wallet.idToken(request.parameters['nonce']), state: request.parameters['state'] as string })).searchParams.get('code') as string;
    const token = await wallet.token(code);
    expect(token.status).toBe(200);
    const accessToken = token.body['access_token'] as string;

    const deferred = await wallet.credential(accessToken, EBSI_TYPES, token.body['c_nonce'] as string);
    expect(deferred.status).toBe(202);
    const transactionId = deferred.body['transaction_id'] as string;
    expect((await wallet.bearer('/deferred_credential', accessToken, { transaction_id: transactionId })).status).toBe(202);

    const supplied = await send(`/admin/v1/issuances/${issuance.id}/claims`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminApiKey()}`, 'content-type': 'application/json' },
      body: JSON.stringify({ credentials: [{ credential_configuration_id: EBSI_CONFIGURATION, claims: { given_name: 'Erika' } }] }),
    });
    expect(supplied.status).toBe(200);
    const issued = await eventually<HttpResult>(() => wallet.bearer('/deferred_credential', accessToken, { transaction_id: transactionId }), (result) => result.status !== 202);
    expect(issued.status).toBe(200);
    const credential = (issued.body['credentials'] as Array<{ credential: string }>)[0]!.credential;
    const { payload } = await verifyJwtVcJson(credential);
    expect(payload['vc']).toMatchObject({ type: EBSI_TYPES, credentialSubject: { given_name: 'Erika' } });
    expect(payload['cnf']).toEqual({ jwk: { kty: 'EC', crv: 'P-256', x: wallet.key.publicJwk.x, y: wallet.key.publicJwk.y, kid: wallet.proofKid } });
    expect(payload.sub).toBe(wallet.did);
    // The wallet collected the deferred credential: the record moves on from credential_issued to credential_acked.
    expect((await eventually(() => getIssuance(issuance.id), (record) => record.status === 'credential_acked')).status).toBe('credential_acked');
  });

  it('refuses an ID Token of another DID, with another nonce, or without one: invalid_request on the session, and the request stays open for the right one', async () => {
    const { issuance, wallet, request } = await authorizedByDid();
    const state = request.parameters['state'] as string;
    const nonce = request.parameters['nonce'] as string;
    const stranger = createWalletKey();
    const otherDid = didJwkOf(stranger);

    await expectProtocolError(await asResult(wallet.directPost({ id_token: wallet.idToken(nonce, { key: stranger, did: otherDid }), state })), 400, 'invalid_request', issuance.session_id);
    await expectProtocolError(await asResult(wallet.directPost({ id_token: wallet.idToken('another-nonce'), state })), 400, 'invalid_request', issuance.session_id);
    await expectProtocolError(await asResult(wallet.directPost({ id_token: wallet.idToken(nonce, { aud: 'https://another-issuer.example' }), state })), 400, 'invalid_request', issuance.session_id);
    await expectProtocolError(await asResult(wallet.directPost({ state })), 400, 'invalid_request', issuance.session_id);
    const timeline = await timelineWith(issuance.session_id, (entry) => entry.level === 'error' && String(entry.data?.['reason']).includes('not by the client_id'));
    expect(timeline.entries.find((entry) => String(entry.data?.['reason']).includes('not by the client_id'))?.data).toMatchObject({ spec_ref: 'SIOPv2 Section 11', help: expect.stringContaining(wallet.did) });

    const accepted = redirectOf(await wallet.directPost({ id_token: wallet.idToken(nonce), state }));
    expect(accepted.searchParams.get('code')).toEqual(expect.any(String));
    // The ID Token Request is answered once.
    await expectProtocolError(await asResult(wallet.directPost({ id_token: wallet.idToken(nonce), state })), 400, 'invalid_request', issuance.session_id);
  });

  it('refuses a state the issuer did not make, a GET, and a body that is not form-encoded', async () => {
    const wallet = new EbsiWallet(baseUrl());
    await expectProtocolError(await asResult(wallet.directPost({ id_token: wallet.idToken('n'), state: 'made-up' })), 400, 'invalid_request');
    const get = await send('/direct_post', { method: 'GET' });
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    await expectProtocolError(await send('/direct_post', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }), 400, 'invalid_request');
  });

  it('a holder that declines sends the wallet back with access_denied; the code is still to be had by an ID Token', async () => {
    const { wallet, request } = await authorizedByDid();
    const declined = redirectOf(await wallet.directPost({ error: 'access_denied', state: request.parameters['state'] as string }));
    expect(declined.protocol).toBe(new URL(EBSI_REDIRECT_URI).protocol);
    expect(Object.fromEntries(declined.searchParams)).toMatchObject({ error: 'access_denied', state: wallet.state });
    const accepted = redirectOf(await wallet.directPost({ id_token: wallet.idToken(request.parameters['nonce']), state: request.parameters['state'] as string }));
    expect(accepted.searchParams.get('code')).toEqual(expect.any(String));
  });

  it('refuses malformed client_metadata at PAR, and a plain request where PAR is required, naming REQUIRE_PAR in the help', async () => {
    const wallet = new EbsiWallet(baseUrl());
    const pushed = await send('/par', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(wallet.authorizationParameters({ client_metadata: '{not json' })).toString() });
    await expectProtocolError(pushed, 400, 'invalid_request');
    const plain = await wallet.authorizePlain();
    expect(plain.status).toBe(400);
    expect(((await plain.json()) as { error: string }).error).toBe('invalid_request');
    // No session yet: the refusal is found by the wallet's client_id.
    const entries = await eventually(
      async () => (await (await fetch(`${baseUrl()}/admin/v1/requests?${new URLSearchParams({ client_id: wallet.did })}`, { headers: { authorization: `Bearer ${adminApiKey()}` } })).json()) as Array<Record<string, unknown>>,
      (found) => found.some((entry) => entry['endpoint'] === '/authorize' && entry['level'] === 'error'),
    );
    const refusal = entries.find((entry) => entry['endpoint'] === '/authorize' && entry['level'] === 'error');
    expect(refusal?.['data']).toMatchObject({ error: 'invalid_request', spec_ref: 'RFC 9126 Section 5', help: expect.stringContaining('REQUIRE_PAR=false') });
  });

  it('the token request must come from the DID that authenticated; a second redemption is invalid_grant', async () => {
    const { issuance, wallet, request } = await authorizedByDid();
    const code = redirectOf(await wallet.directPost({ id_token: wallet.idToken(request.parameters['nonce']), state: request.parameters['state'] as string })).searchParams.get('code') as string;
    await expectProtocolError(await wallet.token(code, { client_id: didJwkOf(createWalletKey()) }), 400, 'invalid_grant', issuance.session_id);
    expect((await wallet.token(code)).status).toBe(200);
    await expectProtocolError(await wallet.token(code), 400, 'invalid_grant', issuance.session_id);
  });

  it('under strict-1.0 an EBSI request gets the 1.0 login page, and the timeline says why', async () => {
    const { issuance, issuerState } = await ebsiIssuance(defaultApi(), { compatibilityProfile: 'strict-1.0' });
    const wallet = new EbsiWallet(baseUrl());
    const page = await wallet.authorizePushed({ issuer_state: issuerState });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    const timeline = await timelineWith(issuance.session_id, (entry) => entry.message === 'EBSI v4 holder authentication not used');
    expect(timeline.entries.find((entry) => entry.message === 'EBSI v4 holder authentication not used')?.data).toMatchObject({ reason: expect.stringContaining('strict-1.0') });
  });
});

async function asResult(response: Promise<Response>): Promise<HttpResult> {
  const answered = await response;
  const text = await answered.text();
  return { status: answered.status, headers: answered.headers, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}
