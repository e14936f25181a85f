import { createPublicKey, verify, type JsonWebKey } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { digest } from '@sd-jwt/crypto-nodejs';
import { SDJwtVcInstance } from '@sd-jwt/sd-jwt-vc';
import { createJwtProof, createPkcePair, createWalletKey } from '@issuer/testing';
import { startPlatform, type Mode, type PlatformUnderTest } from './support/global-setup.js';
import { baseUrl, createIssuance, timelineWith, type ManagementApi } from './support/issuer-api.js';
import { TestOpenIdProvider } from './support/openid-provider.js';
import { send } from './support/wallet.js';

const PID = 'eu.europa.ec.eudi.pid_vc_sd_jwt';
const CLIENT_ID = 'op-wallet';
const REDIRECT_URI = 'https://wallet.example/callback';
const OP_CLIENT_ID = 'issuer-platform';
const OP_CLIENT_SECRET = 'op-client-secret-of-the-platform';

/** The End-User at the OpenID Provider: profile claims in the ID Token, the rest from UserInfo. */
const opUser = {
  sub: 'op-user-4711',
  idToken: { given_name: 'Lotte', family_name: 'Musterfrau', birthdate: '1990-05-17', name: 'Lotte Musterfrau' },
  userInfo: { nationalities: ['AT'], address: { street_address: 'Ringstraße 1', locality: 'Wien', postal_code: '1010', country: 'AT' }, issuing_authority: 'AT', issuing_country: 'AT', email: 'lotte@example.com' },
};

/**
 * A second platform whose End-Users log in at an external OpenID Provider (LOGIN_OPENID_PROVIDER_*),
 * run in this process: /authorize sends the browser there, the callback redeems the code, verifies the
 * ID Token, and the consent page leads to the code for the wallet (OpenID Connect Core 1.0 Section 3.1).
 */
describe('End-User login at an external OpenID Provider', () => {
  const op = new TestOpenIdProvider({ clientId: OP_CLIENT_ID, clientSecret: OP_CLIENT_SECRET, user: opUser });
  let platform: PlatformUnderTest;
  let api: ManagementApi;

  beforeAll(async () => {
    await op.start();
    const mode = (process.env['E2E_MODE'] ?? 'embedded') as Mode;
    platform = await startPlatform(mode, Number(new URL(baseUrl()).port) + 30, {
      LOGIN_OPENID_PROVIDER_ISSUER: op.issuer,
      LOGIN_OPENID_PROVIDER_CLIENT_ID: OP_CLIENT_ID,
      LOGIN_OPENID_PROVIDER_CLIENT_SECRET: OP_CLIENT_SECRET,
      LOGIN_OPENID_PROVIDER_SCOPES: 'openid profile address',
    });
    api = { baseUrl: platform.baseUrl, adminApiKey: platform.adminApiKey };
  }, 120_000);

  afterAll(async () => {
    await platform?.stop();
    await op.stop();
  });

  /** PAR to the second platform; the browser's first stop, /authorize, answers a redirect. */
  async function pushAndOpen(parameters: Record<string, string>) {
    const pkce = createPkcePair();
    const state = `state-${Math.random().toString(36).slice(2)}`;
    const form = { response_type: 'code', client_id: CLIENT_ID, redirect_uri: REDIRECT_URI, state, code_challenge: pkce.code_challenge, code_challenge_method: 'S256', ...parameters };
    const pushed = await send('/par', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString() }, platform.baseUrl);
    expect(pushed.status).toBe(201);
    const requestUri = pushed.body['request_uri'] as string;
    const authorize = await fetch(`${platform.baseUrl}/authorize?${new URLSearchParams({ client_id: CLIENT_ID, request_uri: requestUri })}`, { redirect: 'manual' });
    return { pkce, state, requestUri, authorize };
  }

  /** The browser follows the OP's redirect back to the platform's callback. */
  async function throughProvider(authorize: Response): Promise<Response> {
    expect(authorize.status).toBe(302);
    const atProvider = await fetch(authorize.headers.get('location') as string, { redirect: 'manual' });
    expect(atProvider.status).toBe(302);
    const callback = atProvider.headers.get('location') as string;
    expect(callback.startsWith(`${platform.baseUrl}/authorize/callback?`)).toBe(true);
    return fetch(callback, { redirect: 'manual' });
  }

  function hiddenField(html: string, name: string): string {
    const match = new RegExp(`name="${name}" value="([^"]*)"`).exec(html);
    if (!match) throw new Error(`no hidden field ${name}`);
    return match[1]!.replace(/&quot;/g, '"').replace(/&amp;/g, '&');
  }

  /** The browser at the OP, sent back with the OP's code: the callback URL, not followed yet. */
  async function callbackFromProvider(authorize: Response): Promise<string> {
    expect(authorize.status).toBe(302);
    const atProvider = await fetch(authorize.headers.get('location') as string, { redirect: 'manual' });
    return atProvider.headers.get('location') as string;
  }

  async function consent(page: Response, decision: 'allow' | 'deny'): Promise<URL> {
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    const html = await page.text();
    expect(html).toContain('Lotte Musterfrau');
    expect(html).toContain(op.issuer);
    const form = new URLSearchParams({ request_uri: hiddenField(html, 'request_uri'), client_id: hiddenField(html, 'client_id'), login: hiddenField(html, 'login'), decision });
    const answer = await fetch(`${platform.baseUrl}/authorize`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString(), redirect: 'manual' });
    expect(answer.status).toBe(303);
    return new URL(answer.headers.get('location') as string);
  }

  function sessionOf(accessToken: string): string {
    return (JSON.parse(Buffer.from(accessToken.split('.')[1]!, 'base64url').toString('utf8')) as { sub: string }).sub;
  }

  async function verifiedCredential(credential: string): Promise<Record<string, unknown>> {
    const metadata = (await (await fetch(`${platform.baseUrl}/.well-known/jwt-vc-issuer`)).json()) as { issuer: string; jwks: { keys: JsonWebKey[] } };
    expect(metadata.issuer).toBe(platform.baseUrl);
    const key = createPublicKey({ key: metadata.jwks.keys[0]!, format: 'jwk' });
    const sdJwtVc = new SDJwtVcInstance({
      hasher: digest,
      hashAlg: 'sha-256',
      verifier: (data: string, signature: string) => verify('sha256', Buffer.from(data), { key, dsaEncoding: 'ieee-p1363' }, Buffer.from(signature, 'base64url')),
    });
    return (await sdJwtVc.verify(credential)).payload as Record<string, unknown>;
  }

  it('wallet-initiated by scope: PAR, /authorize to the OP, callback, consent, code, token, a credential with the OP\'s claims; every step on the timeline, no secret', async () => {
    const { pkce, state, authorize } = await pushAndOpen({ scope: PID });
    const toProvider = new URL(authorize.headers.get('location') as string);
    expect(toProvider.origin + toProvider.pathname).toBe(`${op.issuer}/authorize`);
    expect(Object.fromEntries(toProvider.searchParams)).toEqual({
      response_type: 'code',
      client_id: OP_CLIENT_ID,
      redirect_uri: `${platform.baseUrl}/authorize/callback`,
      scope: 'openid profile address',
      state: expect.any(String),
      nonce: expect.any(String),
      code_challenge: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      code_challenge_method: 'S256',
    });

    const location = await consent(await throughProvider(authorize), 'allow');
    expect(location.origin + location.pathname).toBe(REDIRECT_URI);
    const code = location.searchParams.get('code') as string;
    expect(Object.fromEntries(location.searchParams)).toEqual({ code: expect.any(String), state, iss: platform.baseUrl });

    const tokenForm = { grant_type: 'authorization_code', code, code_verifier: pkce.code_verifier, redirect_uri: REDIRECT_URI, client_id: CLIENT_ID };
    const token = await send('/token', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(tokenForm).toString() }, platform.baseUrl);
    expect(token.status).toBe(200);
    const accessToken = token.body['access_token'] as string;
    const holder = createWalletKey();
    const nonce = (await send('/nonce', { method: 'POST' }, platform.baseUrl)).body['c_nonce'] as string;
    const proof = createJwtProof({ key: holder, aud: platform.baseUrl, nonce });
    const issued = await send('/credential', { method: 'POST', headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' }, body: JSON.stringify({ credential_configuration_id: PID, proofs: { jwt: [proof] } }) }, platform.baseUrl);
    expect(issued.status).toBe(200);

    const payload = await verifiedCredential((issued.body['credentials'] as Array<{ credential: string }>)[0]!.credential);
    // Named claims of the ID Token and of UserInfo; the OP's own (sub, email, name) are not PID claims.
    expect(payload).toMatchObject({ vct: 'urn:eudi:pid:1', given_name: 'Lotte', family_name: 'Musterfrau', birthdate: '1990-05-17', nationalities: ['AT'], address: opUser.userInfo.address, issuing_authority: 'AT', issuing_country: 'AT' });
    expect(payload['email']).toBeUndefined();
    expect(payload['name']).toBeUndefined();

    const timeline = await timelineWith(sessionOf(accessToken), (entry) => entry.message === 'Access token issued', api);
    const messages = timeline.entries.map((entry) => entry.message);
    const steps = [
      'End-User redirected to the OpenID Provider to log in',
      'OpenID Provider answered the authorization request',
      'ID Token of the OpenID Provider verified',
      'End-User logged in at the OpenID Provider; consent asked',
      'Wallet-initiated issuance created for the End-User',
      'End-User logged in and allowed; authorization code issued',
    ];
    expect(messages).toEqual(expect.arrayContaining(steps));
    const order = steps.map((step) => messages.indexOf(step));
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(timeline.entries.find((entry) => entry.message === 'ID Token of the OpenID Provider verified')?.data).toMatchObject({ subject: opUser.sub, id_token: { payload: { iss: op.issuer, aud: OP_CLIENT_ID } } });
    expect(timeline.entries.find((entry) => entry.message === 'End-User logged in and allowed; authorization code issued')?.data).toMatchObject({ subject: opUser.sub });
    const everything = JSON.stringify(timeline);
    expect(everything).not.toContain(code);
    expect(everything).not.toContain(OP_CLIENT_SECRET);
    for (const opCode of op.issuedCodes) expect(everything).not.toContain(opCode);
    // OpenID Connect Discovery 1.0: fetched once, kept for every later login.
    expect(op.count('/.well-known/openid-configuration')).toBe(1);
  });

  it('an offer with issuer_state: the End-User who logs in at the OP gets a code for the offer, and the End-User who declines there sends the wallet access_denied', async () => {
    const issuance = await createIssuance({ authorizationCode: true }, api);
    const issuerState = (issuance.credential_offer.grants['authorization_code'] as { issuer_state: string }).issuer_state;
    const allowed = await pushAndOpen({ issuer_state: issuerState, scope: PID });
    const location = await consent(await throughProvider(allowed.authorize), 'allow');
    expect(Object.fromEntries(location.searchParams)).toEqual({ code: expect.any(String), state: allowed.state, iss: platform.baseUrl });

    const declined = await pushAndOpen({ scope: PID });
    op.declineNext = true;
    const callback = await throughProvider(declined.authorize);
    expect(callback.status).toBe(303);
    const answer = new URL(callback.headers.get('location') as string);
    expect(answer.origin + answer.pathname).toBe(REDIRECT_URI);
    expect(Object.fromEntries(answer.searchParams)).toEqual({ error: 'access_denied', error_description: expect.stringContaining('access_denied'), state: declined.state, iss: platform.baseUrl });
  });

  it('wallet-initiated for a credential the OP states no claims of: consent allowed, then access_denied to the wallet', async () => {
    const ageVerification = 'eu.europa.ec.av.1';
    const { state, authorize } = await pushAndOpen({ authorization_details: JSON.stringify([{ type: 'openid_credential', credential_configuration_id: ageVerification }]) });
    const location = await consent(await throughProvider(authorize), 'allow');
    expect(location.origin + location.pathname).toBe(REDIRECT_URI);
    expect(Object.fromEntries(location.searchParams)).toEqual({ error: 'access_denied', error_description: 'The End-User\'s claims at the OpenID Provider do not give the credentials asked for', state, iss: platform.baseUrl });
  });

  it.each([
    ['another nonce', { nonce: 'not-the-nonce-sent' }, 'the ID Token\'s nonce is not the nonce of the authorization request'],
    ['another issuer', { iss: 'https://evil.example' }, 'iss "https://evil.example" is not the OpenID Provider'],
  ])('refuses an ID Token with %s: server_error to the wallet, and the timeline says why', async (_, tamper, reason) => {
    const issuance = await createIssuance({ authorizationCode: true }, api);
    const issuerState = (issuance.credential_offer.grants['authorization_code'] as { issuer_state: string }).issuer_state;
    const { state, authorize } = await pushAndOpen({ issuer_state: issuerState });
    op.tamper = tamper;
    const callback = await throughProvider(authorize);
    expect(callback.status).toBe(303);
    const answer = new URL(callback.headers.get('location') as string);
    expect(Object.fromEntries(answer.searchParams)).toEqual({ error: 'server_error', error_description: 'The ID Token of the End-User\'s OpenID Provider is not valid', state, iss: platform.baseUrl });

    const timeline = await timelineWith(issuance.session_id, (entry) => entry.message === 'ID Token of the OpenID Provider refused', api);
    const refused = timeline.entries.find((entry) => entry.message === 'ID Token of the OpenID Provider refused');
    expect(refused?.level).toBe('error');
    expect(refused?.data).toMatchObject({ reason: expect.stringContaining(reason), spec_ref: expect.stringContaining('OpenID Connect Core 1.0 Section 3.1.3.7') });
    expect(timeline.entries.map((entry) => entry.message)).not.toContain('End-User logged in at the OpenID Provider; consent asked');
  });

  it('refuses a callback whose state this server did not seal, and a consent without a login at the OP, as invalid_request, never a 500', async () => {
    const forged = await send('/authorize/callback?code=abc&state=forged', { method: 'GET' }, platform.baseUrl);
    expect({ status: forged.status, error: forged.body['error'] }).toEqual({ status: 400, error: 'invalid_request' });
    const stateless = await send('/authorize/callback?code=abc', { method: 'GET' }, platform.baseUrl);
    expect({ status: stateless.status, error: stateless.body['error'] }).toEqual({ status: 400, error: 'invalid_request' });

    const { requestUri } = await pushAndOpen({ scope: PID });
    const form = new URLSearchParams({ request_uri: requestUri, client_id: CLIENT_ID, decision: 'allow', username: 'erika', password: 'erika' });
    const withoutLogin = await send('/authorize', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString() }, platform.baseUrl);
    expect({ status: withoutLogin.status, error: withoutLogin.body['error'] }).toEqual({ status: 400, error: 'invalid_request' });
  });

  // Last: it stops the provider.
  it('an OpenID Provider that cannot be reached when the code is redeemed: server_error to the wallet, and the timeline says why', async () => {
    const issuance = await createIssuance({ authorizationCode: true }, api);
    const issuerState = (issuance.credential_offer.grants['authorization_code'] as { issuer_state: string }).issuer_state;
    const { state, authorize } = await pushAndOpen({ issuer_state: issuerState });
    const callbackUrl = await callbackFromProvider(authorize);
    await op.stop();
    const callback = await fetch(callbackUrl, { redirect: 'manual' });
    expect(callback.status).toBe(303);
    const answer = new URL(callback.headers.get('location') as string);
    expect(Object.fromEntries(answer.searchParams)).toEqual({ error: 'server_error', error_description: 'The End-User\'s OpenID Provider could not be used', state, iss: platform.baseUrl });
    const timeline = await timelineWith(issuance.session_id, (entry) => entry.message === 'Login at the OpenID Provider failed', api);
    expect(timeline.entries.find((entry) => entry.message === 'Login at the OpenID Provider failed')?.data).toMatchObject({ error: 'server_error', reason: expect.stringContaining(`its token endpoint ${op.issuer}/token cannot be reached`) });
  });
});
