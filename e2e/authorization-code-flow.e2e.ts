import { describe, expect, it } from '@jest/globals';
import { createPkcePair } from '@issuer/testing';
import { expectIssuedPid } from './interop/verify-sd-jwt-vc.js';
import { authorize, CLIENT_ID, codeTokenForm, logIn, pushAuthorizationRequest, REDIRECT_URI } from './support/authorization.js';
import { expectProtocolError } from './support/expect-error.js';
import { baseUrl, createIssuance, getIssuance, timelineWith } from './support/issuer-api.js';
import { send, TestWallet } from './support/wallet.js';

const PID = 'eu.europa.ec.eudi.pid_vc_sd_jwt';
const detailsFor = (id: string) => JSON.stringify([{ type: 'openid_credential', credential_configuration_id: id }]);

describe('authorization code flow (OID4VCI 1.0 Sections 5 and 6, HAIP 1.0 Section 4)', () => {
  it('advertises PAR, PKCE S256 and iss in the authorization server metadata', async () => {
    const metadata = (await send('/.well-known/oauth-authorization-server', { method: 'GET' })).body;
    expect(metadata).toMatchObject({
      grant_types_supported: expect.arrayContaining(['authorization_code']),
      authorization_endpoint: `${baseUrl()}/authorize`,
      pushed_authorization_request_endpoint: `${baseUrl()}/par`,
      require_pushed_authorization_requests: true,
      code_challenge_methods_supported: ['S256'],
      authorization_response_iss_parameter_supported: true,
    });
  });

  it('an offer with issuer_state: PAR with authorization_details, login, code, DPoP-bound token with credential_identifiers, credential; C19: an identifier not in the token is unknown_credential_identifier', async () => {
    const issuance = await createIssuance({ authorizationCode: true });
    const issuerState = (issuance.credential_offer.grants['authorization_code'] as { issuer_state: string }).issuer_state;
    expect(issuerState).toEqual(expect.any(String));
    const wallet = new TestWallet();

    const { code, location, pkce, state } = await authorize({ authorization_details: detailsFor(PID), issuer_state: issuerState }, wallet);
    expect(location.origin + location.pathname).toBe(REDIRECT_URI);
    expect(Object.fromEntries(location.searchParams)).toEqual({ code, state, iss: baseUrl() });

    const token = await wallet.token(codeTokenForm(code, pkce.code_verifier));
    expect(token.status).toBe(200);
    expect(token.body['token_type']).toBe('DPoP');
    expect(token.body['authorization_details']).toEqual([{ type: 'openid_credential', credential_configuration_id: PID, credential_identifiers: [`${PID}#0`] }]);

    const accessToken = token.body['access_token'] as string;
    const result = await wallet.credential(accessToken, { credential_identifier: `${PID}#0`, proofs: { jwt: [wallet.proof(await wallet.nonce())] } });
    expect(result.status).toBe(200);
    await expectIssuedPid((result.body['credentials'] as Array<{ credential: string }>)[0]!.credential, wallet.key);
    // OID4VCI 1.0 Section 8.2: with credential_identifiers in the token response, credential_configuration_id is not for this token.
    const byId = await wallet.credential(accessToken, { credential_configuration_id: PID, proofs: { jwt: [wallet.proof(await wallet.nonce())] } });
    await expectProtocolError(byId, 400, 'invalid_credential_request', issuance.session_id);
    // NEGATIVE-TESTS C19: an identifier of the form this issuer gives, but not one of this token's.
    const notInToken = await wallet.credential(accessToken, { credential_identifier: 'eu.europa.ec.eudi.pid_mso_mdoc#0', proofs: { jwt: [wallet.proof(await wallet.nonce())] } });
    await expectProtocolError(notInToken, 400, 'unknown_credential_identifier', issuance.session_id);

    const timeline = await timelineWith(issuance.session_id, (entry) => entry.message === 'Access token issued');
    expect(timeline.entries.map((entry) => entry.message)).toEqual(expect.arrayContaining(['Pushed authorization request stored', 'Login page shown', 'End-User logged in and allowed; authorization code issued']));
    expect((await getIssuance(issuance.id)).status).toEqual(expect.any(String));
  });

  it('a wallet-initiated request by scope: the End-User\'s own claims, a session of its own', async () => {
    const wallet = new TestWallet();
    const { code, pkce } = await authorize({ scope: PID }, wallet);
    const token = await wallet.token(codeTokenForm(code, pkce.code_verifier));
    expect(token.status).toBe(200);
    expect(token.body['authorization_details']).toBeUndefined();
    const result = await wallet.credential(token.body['access_token'] as string, { credential_configuration_id: PID, proofs: { jwt: [wallet.proof(await wallet.nonce())] } });
    expect(result.status).toBe(200);
    // The claims are the built-in End-User Erika's: the same as the e2e issuances use.
    await expectIssuedPid((result.body['credentials'] as Array<{ credential: string }>)[0]!.credential, wallet.key);
  });

  it('A8/A12: the request_uri and the code serve one authorization; a second use is refused', async () => {
    const wallet = new TestWallet();
    const { code, pkce, requestUri } = await authorize({ scope: PID }, wallet);
    const again = await fetch(`${baseUrl()}/authorize?${new URLSearchParams({ client_id: CLIENT_ID, request_uri: requestUri })}`);
    expect(again.status).toBe(400);
    expect(((await again.json()) as { error: string }).error).toBe('invalid_request_uri');

    expect((await wallet.token(codeTokenForm(code, pkce.code_verifier))).status).toBe(200);
    await expectProtocolError(await wallet.token(codeTokenForm(code, pkce.code_verifier)), 400, 'invalid_grant');
  });

  it('A10/A11/A13/A14: the token request needs the right verifier, client and DPoP key', async () => {
    const wallet = new TestWallet();
    const { code, pkce } = await authorize({ scope: PID }, wallet);
    const withoutVerifier = codeTokenForm(code, pkce.code_verifier);
    delete withoutVerifier['code_verifier'];
    await expectProtocolError(await wallet.token(withoutVerifier), 400, 'invalid_grant');
    await expectProtocolError(await wallet.token(codeTokenForm(code, createPkcePair().code_verifier)), 400, 'invalid_grant');
    await expectProtocolError(await wallet.token(codeTokenForm(code, pkce.code_verifier, { client_id: 'another-wallet' })), 400, 'invalid_grant');
    const stranger = new TestWallet();
    await expectProtocolError(await stranger.token(codeTokenForm(code, pkce.code_verifier)), 400, 'invalid_grant');
    // None of the refusals used the code up.
    expect((await wallet.token(codeTokenForm(code, pkce.code_verifier))).status).toBe(200);
  });

  it('A1/A2/A4/A5/A7/A9: what PAR and the authorization endpoint refuse', async () => {
    await expectProtocolError((await pushAuthorizationRequest({ parameters: { scope: PID, code_challenge: undefined } })).result, 400, 'invalid_request');
    await expectProtocolError((await pushAuthorizationRequest({ parameters: { scope: PID, code_challenge_method: 'plain' } })).result, 400, 'invalid_request');
    await expectProtocolError((await pushAuthorizationRequest({ parameters: { scope: PID, request_uri: 'urn:ietf:params:oauth:request_uri:x' } })).result, 400, 'invalid_request');
    await expectProtocolError((await pushAuthorizationRequest({ parameters: { scope: 'no_such_scope' } })).result, 400, 'invalid_scope');
    await expectProtocolError((await pushAuthorizationRequest({ parameters: { authorization_details: detailsFor('no.such.configuration') } })).result, 400, 'invalid_authorization_details');
    await expectProtocolError((await pushAuthorizationRequest({ parameters: { authorization_details: JSON.stringify([{ type: 'payment_initiation' }]) } })).result, 400, 'invalid_authorization_details');

    const get = await send('/par', { method: 'GET' });
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');

    const pkce = createPkcePair();
    const plain = await send(`/authorize?${new URLSearchParams({ response_type: 'code', client_id: CLIENT_ID, redirect_uri: REDIRECT_URI, scope: PID, code_challenge: pkce.code_challenge, code_challenge_method: 'S256' })}`, { method: 'GET' });
    await expectProtocolError(plain, 400, 'invalid_request');
  });

  it('a wrong password shows the page again with the problem; deny sends access_denied back to the wallet', async () => {
    const pushed = await pushAuthorizationRequest({ parameters: { scope: PID } });
    const requestUri = pushed.result.body['request_uri'] as string;
    const wrong = await logIn(requestUri, { password: 'wrong' });
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).toContain('Wrong user name or password.');

    const denied = await logIn(requestUri, { decision: 'deny' });
    expect(denied.status).toBe(303);
    const location = new URL(denied.headers.get('location') as string);
    expect(Object.fromEntries(location.searchParams)).toMatchObject({ error: 'access_denied', state: pushed.state, iss: baseUrl() });
  });
});
