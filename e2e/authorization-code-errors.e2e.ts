import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createPkcePair } from '@issuer/testing';
import { authorize, CLIENT_ID, codeTokenForm, logIn, pushAuthorizationRequest, REDIRECT_URI } from './support/authorization.js';
import { expectProtocolError } from './support/expect-error.js';
import { startPlatform, type Mode, type PlatformUnderTest } from './support/global-setup.js';
import { baseUrl, createIssuance } from './support/issuer-api.js';
import { send, TestWallet, type HttpResult } from './support/wallet.js';

const PID = 'eu.europa.ec.eudi.pid_vc_sd_jwt';

const issuerStateOf = (issuance: Awaited<ReturnType<typeof createIssuance>>) => (issuance.credential_offer.grants['authorization_code'] as { issuer_state: string }).issuer_state;

/** The authorization endpoint's page for a request_uri, as the End-User's browser opens it. */
const openAuthorization = (requestUri: string, origin = baseUrl()) => send(`/authorize?${new URLSearchParams({ client_id: CLIENT_ID, request_uri: requestUri })}`, { method: 'GET' }, origin);
/** The login form posted back, with the End-User allowing. */
const submitLogin = (requestUri: string, origin = baseUrl()) =>
  send('/authorize', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ request_uri: requestUri, client_id: CLIENT_ID, username: 'erika', password: 'erika', decision: 'allow' }).toString() }, origin);

describe('pushed authorization requests refused (NEGATIVE-TESTS A1-A4, A9)', () => {
  // RFC 7636 Section 4.2: 43 to 128 unreserved characters; S256 makes exactly 43 base64url ones.
  it.each([
    ['42 characters', 'a'.repeat(42)],
    ['129 characters', 'a'.repeat(129)],
    ['base64 with + and /, not base64url', `+/${'a'.repeat(41)}`],
    ['43 characters ending in = padding', `${'a'.repeat(42)}=`],
    ['a space inside', `${'a'.repeat(21)} ${'a'.repeat(21)}`],
    ['64 unreserved characters, which no S256 challenge has', 'a'.repeat(64)],
  ])('A3: a code_challenge of %s: invalid_request', async (_, challenge) => {
    await expectProtocolError((await pushAuthorizationRequest({ parameters: { scope: PID, code_challenge: challenge } })).result, 400, 'invalid_request');
  });

  it('A2: no code_challenge_method, which means plain: invalid_request', async () => {
    await expectProtocolError((await pushAuthorizationRequest({ parameters: { scope: PID, code_challenge_method: undefined } })).result, 400, 'invalid_request');
  });

  it('A9: an openid_credential detail without credential_configuration_id: invalid_authorization_details', async () => {
    const details = JSON.stringify([{ type: 'openid_credential' }]);
    await expectProtocolError((await pushAuthorizationRequest({ parameters: { authorization_details: details } })).result, 400, 'invalid_authorization_details');
  });
});

describe('request_uri lifetime (NEGATIVE-TESTS A8)', () => {
  it('A8: the request_uri may be opened again until the End-User completes the authorization', async () => {
    const wallet = new TestWallet();
    const pushed = await pushAuthorizationRequest({ parameters: { scope: PID, dpop_jkt: wallet.key.jkt } });
    const requestUri = pushed.result.body['request_uri'] as string;
    expect((await fetch(`${baseUrl()}/authorize?${new URLSearchParams({ client_id: CLIENT_ID, request_uri: requestUri })}`)).status).toBe(200);
    const redirect = await logIn(requestUri);
    expect(redirect.status).toBe(303);
    const code = new URL(redirect.headers.get('location') as string).searchParams.get('code') as string;
    expect((await wallet.token(codeTokenForm(code, pushed.pkce.code_verifier))).status).toBe(200);
  });

  it('A8: after the authorization completed, the request_uri is refused at the page and at its form', async () => {
    const issuance = await createIssuance({ authorizationCode: true });
    const { requestUri } = await authorize({ scope: PID, issuer_state: issuerStateOf(issuance) });
    await expectProtocolError(await openAuthorization(requestUri), 400, 'invalid_request_uri', issuance.session_id);
    await expectProtocolError(await submitLogin(requestUri), 400, 'invalid_request_uri', issuance.session_id);
  });

  describe('on an issuer whose request_uri lives 1 s (REQUEST_URI_TTL_SECONDS=1)', () => {
    let platform: PlatformUnderTest;

    beforeAll(async () => {
      const mode = (process.env['E2E_MODE'] ?? 'embedded') as Mode;
      platform = await startPlatform(mode, Number(new URL(baseUrl()).port) + 80, { REQUEST_URI_TTL_SECONDS: '1' });
    }, 90_000);

    afterAll(async () => {
      await platform?.stop();
    });

    it('A8: an expired request_uri is refused at the page and at its form', async () => {
      const pkce = createPkcePair();
      const form = { response_type: 'code', client_id: CLIENT_ID, redirect_uri: REDIRECT_URI, scope: PID, code_challenge: pkce.code_challenge, code_challenge_method: 'S256' };
      const pushed = await send('/par', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString() }, platform.baseUrl);
      expect({ status: pushed.status, expires_in: pushed.body['expires_in'] }).toEqual({ status: 201, expires_in: 1 });
      const requestUri = pushed.body['request_uri'] as string;
      await new Promise((resolve) => setTimeout(resolve, 1100));
      await expectProtocolError(await openAuthorization(requestUri, platform.baseUrl), 400, 'invalid_request_uri');
      await expectProtocolError(await submitLogin(requestUri, platform.baseUrl), 400, 'invalid_request_uri');
    });
  });
});

describe('the authorization code at the token endpoint (NEGATIVE-TESTS A12, A14)', () => {
  async function issuedCode(parameters: Record<string, string> = {}, headers?: Record<string, string>) {
    const issuance = await createIssuance({ authorizationCode: true });
    const pushed = await pushAuthorizationRequest({ parameters: { scope: PID, issuer_state: issuerStateOf(issuance), ...parameters }, headers });
    expect(pushed.result.status).toBe(201);
    const redirect = await logIn(pushed.result.body['request_uri'] as string);
    const code = new URL(redirect.headers.get('location') as string).searchParams.get('code') as string;
    return { sessionId: issuance.session_id, form: codeTokenForm(code, pushed.pkce.code_verifier) };
  }

  it('A12: a code redeemed again 1 s later: invalid_grant', async () => {
    const wallet = new TestWallet();
    const { sessionId, form } = await issuedCode({ dpop_jkt: wallet.key.jkt });
    expect((await wallet.token(form)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await expectProtocolError(await wallet.token(form), 400, 'invalid_grant', sessionId);
  });

  it('A14: a code bound by the DPoP proof of the pushed request (no dpop_jkt) refuses another key and no proof', async () => {
    const wallet = new TestWallet();
    const { sessionId, form } = await issuedCode({}, { dpop: wallet.dpop('POST', '/par') });
    await expectProtocolError(await new TestWallet().token(form), 400, 'invalid_grant', sessionId);
    await expectProtocolError(await wallet.token(form, {}), 400, 'invalid_grant', sessionId);
    expect((await wallet.token(form)).status).toBe(200);
  });

  it('A14: dpop_jkt and the DPoP proof of the pushed request naming different keys: invalid_dpop_proof', async () => {
    const result: HttpResult = (await pushAuthorizationRequest({ parameters: { scope: PID, dpop_jkt: new TestWallet().key.jkt }, headers: { dpop: new TestWallet().dpop('POST', '/par') } })).result;
    await expectProtocolError(result, 400, 'invalid_dpop_proof');
  });
});
