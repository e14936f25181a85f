import { describe, expect, it } from '@jest/globals';
import { decodeJwt } from 'jose';
import { authorize, CLIENT_ID, codeTokenForm } from './support/authorization.js';
import { expectProtocolError } from './support/expect-error.js';
import { createIssuance, eventually, getSession, preAuthorizedCodeOf, timelineWith, type SessionTimeline } from './support/issuer-api.js';
import { send, TestWallet, type HttpResult } from './support/wallet.js';

const PID = 'eu.europa.ec.eudi.pid_vc_sd_jwt';
const detailsFor = (id: string) => JSON.stringify([{ type: 'openid_credential', credential_configuration_id: id }]);
const refreshForm = (refreshToken: string, extra: Record<string, string> = {}) => ({ grant_type: 'refresh_token', refresh_token: refreshToken, client_id: CLIENT_ID, ...extra });

/** An issuance with issuer_state, authorized and redeemed with DPoP: the session and the first token response. */
async function redeemedAuthorization() {
  const issuance = await createIssuance({ authorizationCode: true });
  const issuerState = (issuance.credential_offer.grants['authorization_code'] as { issuer_state: string }).issuer_state;
  const wallet = new TestWallet();
  const { code, pkce } = await authorize({ authorization_details: detailsFor(PID), issuer_state: issuerState }, wallet);
  const form = codeTokenForm(code, pkce.code_verifier);
  const token = await wallet.token(form);
  expect(token.status).toBe(200);
  return { wallet, sessionId: issuance.session_id, form, token: token.body, refreshToken: token.body['refresh_token'] as string };
}

async function refreshed(wallet: TestWallet, refreshToken: string): Promise<HttpResult> {
  const result = await wallet.token(refreshForm(refreshToken));
  expect(result.status).toBe(200);
  return result;
}

describe('refresh tokens (RFC 6749 Section 6, RFC 9700 Section 4.14.2, RFC 9449 Section 5)', () => {
  it('advertises the refresh_token grant', async () => {
    const metadata = (await send('/.well-known/oauth-authorization-server', { method: 'GET' })).body;
    expect(metadata['grant_types_supported']).toEqual(expect.arrayContaining(['authorization_code', 'refresh_token']));
  });

  it('the authorization code grant returns a refresh token; a refresh rotates it and keeps the session, authorization_details and cnf', async () => {
    const { wallet, sessionId, token, refreshToken } = await redeemedAuthorization();
    expect(refreshToken).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const first = await refreshed(wallet, refreshToken);
    expect(first.headers.get('cache-control')).toBe('no-store');
    expect(first.body).toMatchObject({ token_type: 'DPoP', expires_in: token['expires_in'], authorization_details: token['authorization_details'] });
    const rotated = first.body['refresh_token'] as string;
    expect(rotated).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(rotated).not.toBe(refreshToken);

    const before = decodeJwt(token['access_token'] as string);
    const after = decodeJwt(first.body['access_token'] as string);
    for (const claim of ['sub', 'sid', 'client_id', 'cnf', 'credential_configuration_ids', 'authorization_details']) expect(after[claim]).toEqual(before[claim]);
    expect(after['cnf']).toEqual({ jkt: wallet.key.jkt });
    expect(after.jti).not.toBe(before.jti);

    const accessToken = first.body['access_token'] as string;
    const credential = await wallet.credential(accessToken, { credential_identifier: `${PID}#0`, proofs: { jwt: [wallet.proof(await wallet.nonce())] } });
    expect(credential.status).toBe(200);

    const second = await refreshed(wallet, rotated);
    expect(second.body['refresh_token']).not.toBe(rotated);
    const rotations = (value: SessionTimeline | null) => value?.entries.filter((entry) => entry.message === 'Refresh token rotated').length ?? 0;
    const timeline = (await eventually(() => getSession(sessionId), (value) => rotations(value) === 2)) as SessionTimeline;
    expect(rotations(timeline)).toBe(2);
    expect(timeline.entries.find((entry) => entry.message === 'Refresh token issued')?.data).toMatchObject({ dpop_bound: true });
    expect(JSON.stringify(timeline)).not.toContain(refreshToken);
  });

  it('a refresh token used twice is refused and revokes every refresh token of the authorization', async () => {
    const { wallet, sessionId, refreshToken } = await redeemedAuthorization();
    const rotated = (await refreshed(wallet, refreshToken)).body['refresh_token'] as string;

    await expectProtocolError(await wallet.token(refreshForm(refreshToken)), 400, 'invalid_grant', sessionId);
    const revoked = await wallet.token(refreshForm(rotated));
    await expectProtocolError(revoked, 400, 'invalid_grant');
    const timeline = await timelineWith(sessionId, (entry) => entry.level === 'error' && String(entry.data?.['reason']).includes('revoked at'));
    expect(timeline.entries.find((entry) => entry.message === 'Refresh token used twice')?.data).toMatchObject({ refresh_tokens_revoked: true, spec_ref: 'RFC 9700 Section 4.14.2' });
  });

  it('of concurrent refreshes with one token exactly one succeeds, and the family is revoked', async () => {
    const { wallet, refreshToken } = await redeemedAuthorization();
    const results = await Promise.all(Array.from({ length: 4 }, () => wallet.token(refreshForm(refreshToken))));
    const winners = results.filter((result) => result.status === 200);
    expect(winners).toHaveLength(1);
    for (const loser of results.filter((result) => result.status !== 200)) await expectProtocolError(loser, 400, 'invalid_grant');
    await expectProtocolError(await wallet.token(refreshForm(winners[0]!.body['refresh_token'] as string)), 400, 'invalid_grant');
  });

  it('another client, another DPoP key or no DPoP proof is refused, and the refresh token stays usable', async () => {
    const { wallet, sessionId, refreshToken } = await redeemedAuthorization();
    await expectProtocolError(await wallet.token(refreshForm(refreshToken, { client_id: 'another-wallet' })), 400, 'invalid_grant', sessionId);
    await expectProtocolError(await new TestWallet().token(refreshForm(refreshToken)), 400, 'invalid_grant');
    await expectProtocolError(await wallet.token(refreshForm(refreshToken), {}), 400, 'invalid_grant');
    const timeline = await timelineWith(sessionId, (entry) => entry.level === 'error' && entry.data?.['spec_ref'] === 'RFC 9449 Section 5');
    expect(timeline.entries.filter((entry) => entry.level === 'error' && entry.data?.['spec_ref'] === 'RFC 9449 Section 5').map((entry) => entry.data?.['reason'])).toEqual(
      expect.arrayContaining([expect.stringContaining('is not the key'), expect.stringContaining('no DPoP proof was sent')]),
    );
    await refreshed(wallet, refreshToken);
  });

  it('a refresh request without refresh_token, or with one never issued, is refused', async () => {
    await expectProtocolError(await new TestWallet().token({ grant_type: 'refresh_token', client_id: CLIENT_ID }), 400, 'invalid_request');
    await expectProtocolError(await new TestWallet().token(refreshForm('not-a-refresh-token-we-issued')), 400, 'invalid_grant');
  });

  it('a scope sent with a refresh is ignored, with a note on the timeline', async () => {
    const { wallet, sessionId, token, refreshToken } = await redeemedAuthorization();
    const result = await wallet.token(refreshForm(refreshToken, { scope: 'some.other.scope' }));
    expect(result.status).toBe(200);
    expect(decodeJwt(result.body['access_token'] as string)['credential_configuration_ids']).toEqual(decodeJwt(token['access_token'] as string)['credential_configuration_ids']);
    await timelineWith(sessionId, (entry) => entry.message === 'scope of the refresh request ignored');
  });

  it('a pre-authorized code gets no refresh token', async () => {
    const issuance = await createIssuance();
    const result = await new TestWallet().token({ grant_type: 'urn:ietf:params:oauth:grant-type:pre-authorized_code', 'pre-authorized_code': preAuthorizedCodeOf(issuance) });
    expect(result.status).toBe(200);
    expect(result.body).not.toHaveProperty('refresh_token');
  });

  it('A12: a reused authorization code revokes the refresh token issued for it', async () => {
    const { wallet, sessionId, form, refreshToken } = await redeemedAuthorization();
    await expectProtocolError(await wallet.token(form), 400, 'invalid_grant', sessionId);
    const timeline = await timelineWith(sessionId, (entry) => entry.message === 'Authorization code used twice');
    expect(timeline.entries.find((entry) => entry.message === 'Authorization code used twice')?.data).toMatchObject({ refresh_tokens_revoked: true, spec_ref: 'RFC 9700 Section 4.5' });
    await expectProtocolError(await wallet.token(refreshForm(refreshToken)), 400, 'invalid_grant');
    await timelineWith(sessionId, (entry) => entry.level === 'error' && String(entry.data?.['reason']).includes('authorization code used twice'));
  });
});
