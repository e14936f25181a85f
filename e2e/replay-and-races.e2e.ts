import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { authorize, CLIENT_ID, codeTokenForm, pushAuthorizationRequest, submitLogin } from './support/authorization.js';
import { expectProtocolError } from './support/expect-error.js';
import { baseUrl, createIssuance, preAuthorizedCodeOf, type CreatedIssuance } from './support/issuer-api.js';
import { alternating, ATTEMPTS, expectExactlyOne, onPlatform, race, sessionEventsOf, type Spread } from './support/race.js';
import { replicable, startReplica, type Replica } from './support/replica.js';
import { send, TestWallet } from './support/wallet.js';

const GRANT = 'urn:ietf:params:oauth:grant-type:pre-authorized_code';
const PID = 'eu.europa.ec.eudi.pid_vc_sd_jwt';

const issuerStateOf = (issuance: CreatedIssuance) => (issuance.credential_offer.grants['authorization_code'] as { issuer_state: string }).issuer_state;
const preAuthorizedForm = (issuance: CreatedIssuance) => ({ grant_type: GRANT, 'pre-authorized_code': preAuthorizedCodeOf(issuance) });
const authorizationPath = (requestUri: string) => `/authorize?${new URLSearchParams({ client_id: CLIENT_ID, request_uri: requestUri })}`;

/** The authorization server's single-use artefacts, each raced by ATTEMPTS requests spread by `spread`. */
function authorizationServerRaces(spread: Spread): void {
  it('T3/T4: a pre-authorized code redeemed by all at once: one token, the others invalid_grant, and so is a later attempt', async () => {
    const issuance = await createIssuance();
    const results = await race((index) => new TestWallet().at(spread(index)).token(preAuthorizedForm(issuance)));

    await expectExactlyOne(results, 200, { status: 400, error: 'invalid_grant', sessionId: issuance.session_id });
    await expectProtocolError(await new TestWallet().at(spread(1)).token(preAuthorizedForm(issuance)), 400, 'invalid_grant', issuance.session_id);
    expect(await sessionEventsOf(issuance.session_id, 'token_issued')).toHaveLength(1);
  });

  it('A12: an authorization code redeemed by all at once: one token, the others invalid_grant, and so is a later attempt', async () => {
    const issuance = await createIssuance({ authorizationCode: true });
    const wallet = new TestWallet();
    const { code, pkce } = await authorize({ scope: PID, issuer_state: issuerStateOf(issuance) }, wallet);
    const form = codeTokenForm(code, pkce.code_verifier);
    const results = await race((index) => wallet.at(spread(index)).token(form));

    await expectExactlyOne(results, 200, { status: 400, error: 'invalid_grant', sessionId: issuance.session_id });
    await expectProtocolError(await wallet.at(spread(1)).token(form), 400, 'invalid_grant', issuance.session_id);
    expect(await sessionEventsOf(issuance.session_id, 'token_issued')).toHaveLength(1);
  });

  it('A8: a request_uri whose login form is posted by all at once: one authorization code, the others invalid_request_uri, and so is the page afterwards', async () => {
    const issuance = await createIssuance({ authorizationCode: true });
    const wallet = new TestWallet();
    const pushed = await pushAuthorizationRequest({ parameters: { scope: PID, issuer_state: issuerStateOf(issuance), dpop_jkt: wallet.key.jkt } });
    const requestUri = pushed.result.body['request_uri'] as string;
    expect((await fetch(`${baseUrl()}${authorizationPath(requestUri)}`)).status).toBe(200);
    const results = await race((index) => submitLogin(requestUri, spread(index)));

    const redirect = await expectExactlyOne(results, 303, { status: 400, error: 'invalid_request_uri', sessionId: issuance.session_id });
    await expectProtocolError(await send(authorizationPath(requestUri), { method: 'GET' }), 400, 'invalid_request_uri', issuance.session_id);
    // The one code issued is the one that works.
    const code = new URL(redirect.headers.get('location') as string).searchParams.get('code') as string;
    expect((await wallet.token(codeTokenForm(code, pushed.pkce.code_verifier))).status).toBe(200);
  });

  it('A8: the same for a wallet-initiated request, whose login also creates the issuance: one authorization code, no server error', async () => {
    const wallet = new TestWallet();
    const pushed = await pushAuthorizationRequest({ parameters: { scope: PID, dpop_jkt: wallet.key.jkt } });
    const requestUri = pushed.result.body['request_uri'] as string;
    const results = await race((index) => submitLogin(requestUri, spread(index)));

    const redirect = await expectExactlyOne(results, 303, { status: 400, error: 'invalid_request_uri' });
    const code = new URL(redirect.headers.get('location') as string).searchParams.get('code') as string;
    expect((await wallet.token(codeTokenForm(code, pushed.pkce.code_verifier))).status).toBe(200);
  });

  it('D11: one DPoP proof sent with token requests for different codes at once: one token, the others invalid_dpop_proof, their codes left unused', async () => {
    const wallet = new TestWallet();
    const issuances = await Promise.all(Array.from({ length: ATTEMPTS }, () => createIssuance()));
    const proof = wallet.dpop('POST', '/token');
    const results = await race((index) => wallet.at(spread(index)).token(preAuthorizedForm(issuances[index]!), { dpop: proof }));

    expect(results.filter((result) => result.status === 200)).toHaveLength(1);
    for (const [index, result] of results.entries()) {
      if (result.status === 200) continue;
      await expectProtocolError(result, 400, 'invalid_dpop_proof', issuances[index]!.session_id);
      // RFC 9449 Section 11.1 refuses the replayed proof before the grant is looked at: the code is still there.
      expect((await wallet.token(preAuthorizedForm(issuances[index]!))).status).toBe(200);
    }
  });

  it('D11: one DPoP proof sent with pushed authorization requests at once: one request_uri, the others invalid_dpop_proof', async () => {
    const proof = new TestWallet().dpop('POST', '/par');
    const results = await race(async (index) => (await pushAuthorizationRequest({ parameters: { scope: PID }, headers: { dpop: proof }, origin: spread(index) })).result);

    await expectExactlyOne(results, 201, { status: 400, error: 'invalid_dpop_proof' });
  });
}

describe('single-use artefacts of the authorization server, raced (NEGATIVE-TESTS T3, T4, A8, A12, D11)', () => {
  authorizationServerRaces(onPlatform);
});

// Replicas share one database; an embedded platform is one process, so this runs in the distributed mode only.
if (replicable()) {
  describe('the same races split between two auth-service replicas (NEGATIVE-TESTS T4, A8, A12, D11)', () => {
    let replica: Replica;

    beforeAll(async () => {
      replica = await startReplica('auth-service', Number(new URL(baseUrl()).port) + 85);
    }, 60_000);

    afterAll(async () => {
      await replica?.stop();
    });

    authorizationServerRaces(alternating(() => replica.url));
  });
}
