import { describe, expect, it } from '@jest/globals';
import { createIssuance, preAuthorizedCodeOf, timelineWith, type IssuanceOptions } from './support/issuer-api.js';
import { expectProtocolError } from './support/expect-error.js';
import { send, TestWallet } from './support/wallet.js';

const configurationId = 'eu.europa.ec.eudi.pid_vc_sd_jwt';

async function walletWithToken(options: IssuanceOptions = {}): Promise<{ wallet: TestWallet; accessToken: string; sessionId: string }> {
  const issuance = await createIssuance(options);
  const wallet = new TestWallet();
  const token = await wallet.token({ grant_type: 'urn:ietf:params:oauth:grant-type:pre-authorized_code', 'pre-authorized_code': preAuthorizedCodeOf(issuance) });
  expect(token.status).toBe(200);
  return { wallet, accessToken: token.body['access_token'] as string, sessionId: issuance.session_id };
}

describe('nonce endpoint (NEGATIVE-TESTS C1)', () => {
  it('answers a fresh c_nonce that is not cached', async () => {
    const first = await send('/nonce', { method: 'POST' });
    const second = await send('/nonce', { method: 'POST' });
    expect(first.status).toBe(200);
    expect(first.headers.get('cache-control')).toBe('no-store');
    expect(first.body['c_nonce']).not.toEqual(second.body['c_nonce']);
  });
});

describe('credential endpoint (NEGATIVE-TESTS C2-C21, F4, O1, O2)', () => {
  it('C2: no access token is 401 invalid_token with DPoP and Bearer challenges', async () => {
    const result = await send('/credential', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ credential_configuration_id: configurationId }) });
    await expectProtocolError(result, 401, 'invalid_token');
    const challenge = result.headers.get('www-authenticate') ?? '';
    expect(challenge).toContain('DPoP');
    expect(challenge).toContain('Bearer');
  });

  it('C3: a token in the query string is rejected', async () => {
    const { accessToken } = await walletWithToken();
    const result = await send(`/credential?access_token=${accessToken}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ credential_configuration_id: configurationId }) });
    await expectProtocolError(result, 401, 'invalid_token');
  });

  it('C4: a forged token is 401 invalid_token', async () => {
    const { wallet, accessToken } = await walletWithToken();
    const [header, payload] = accessToken.split('.');
    const forged = `${header}.${payload}.${'A'.repeat(86)}`;
    await expectProtocolError(await wallet.credential(forged, { credential_configuration_id: configurationId }), 401, 'invalid_token');
  });

  it('C5: a request without proofs is invalid_proof', async () => {
    const { wallet, accessToken, sessionId } = await walletWithToken();
    await expectProtocolError(await wallet.credential(accessToken, { credential_configuration_id: configurationId }), 400, 'invalid_proof', sessionId);
  });

  it('C6: a proof without nonce is invalid_proof', async () => {
    const { wallet, accessToken, sessionId } = await walletWithToken();
    const result = await wallet.credential(accessToken, { credential_configuration_id: configurationId, proofs: { jwt: [wallet.proof(undefined)] } });
    await expectProtocolError(result, 400, 'invalid_proof', sessionId);
  });

  it('C7: a proof with a nonce the issuer never gave is invalid_nonce', async () => {
    const { wallet, accessToken, sessionId } = await walletWithToken();
    const result = await wallet.credential(accessToken, { credential_configuration_id: configurationId, proofs: { jwt: [wallet.proof('made-up-nonce')] } });
    await expectProtocolError(result, 400, 'invalid_nonce', sessionId);
  });

  it('C8: a proof signed by another key than its jwk is invalid_proof', async () => {
    const { wallet, accessToken, sessionId } = await walletWithToken();
    const nonce = await wallet.nonce();
    const other = new TestWallet();
    const [header] = wallet.proof(nonce).split('.');
    const [, payload, signature] = other.proof(nonce).split('.');
    const result = await wallet.credential(accessToken, { credential_configuration_id: configurationId, proofs: { jwt: [`${header}.${payload}.${signature}`] } });
    await expectProtocolError(result, 400, 'invalid_proof', sessionId);
  });

  it('C9: a proof with the wrong typ is invalid_proof', async () => {
    const { wallet, accessToken, sessionId } = await walletWithToken();
    const nonce = await wallet.nonce();
    const result = await wallet.credential(accessToken, { credential_configuration_id: configurationId, proofs: { jwt: [wallet.proof(nonce, { header: { typ: 'JWT' } })] } });
    await expectProtocolError(result, 400, 'invalid_proof', sessionId);
  });

  it('C11: a proof whose kid is a did:jwk is accepted and binds the credential to that key; an unresolvable kid is invalid_proof', async () => {
    const { wallet, accessToken, sessionId } = await walletWithToken();
    const nonce = await wallet.nonce();
    const kid = `did:jwk:${Buffer.from(JSON.stringify(wallet.key.publicJwk)).toString('base64url')}#0`;
    const accepted = await wallet.credential(accessToken, { credential_configuration_id: configurationId, proofs: { jwt: [wallet.proof(nonce, { header: { jwk: undefined, kid } })] } });
    expect(accepted.status).toBe(200);

    const refused = await wallet.credential(accessToken, {
      credential_configuration_id: configurationId,
      proofs: { jwt: [wallet.proof(await wallet.nonce(), { header: { jwk: undefined, kid: 'did:web:wallet.example.com#key-1' } })] },
    });
    await expectProtocolError(refused, 400, 'invalid_proof', sessionId);
  });

  it('C12: a proof for another audience is invalid_proof', async () => {
    const { wallet, accessToken, sessionId } = await walletWithToken();
    const nonce = await wallet.nonce();
    const result = await wallet.credential(accessToken, { credential_configuration_id: configurationId, proofs: { jwt: [wallet.proof(nonce, { payload: { aud: 'https://other.example' } })] } });
    await expectProtocolError(result, 400, 'invalid_proof', sessionId);
  });

  it('C13: the same proof cannot be used twice', async () => {
    const { wallet, accessToken, sessionId } = await walletWithToken();
    const proof = wallet.proof(await wallet.nonce());
    expect((await wallet.credential(accessToken, { credential_configuration_id: configurationId, proofs: { jwt: [proof] } })).status).toBe(200);
    const replay = await wallet.credential(accessToken, { credential_configuration_id: configurationId, proofs: { jwt: [proof] } });
    await expectProtocolError(replay, 400, 'invalid_proof', sessionId);
  });

  it('C17: proof and proofs together, or a null body, is invalid_credential_request', async () => {
    const { wallet, accessToken, sessionId } = await walletWithToken();
    const proof = wallet.proof(await wallet.nonce());
    const both = await wallet.credential(accessToken, { credential_configuration_id: configurationId, proof: { proof_type: 'jwt', jwt: proof }, proofs: { jwt: [proof] } });
    await expectProtocolError(both, 400, 'invalid_credential_request', sessionId);
    const nullBody = await wallet.credential(accessToken, null);
    await expectProtocolError(nullBody, 400, 'invalid_credential_request');
  });

  it('C18: an unknown credential_configuration_id is unknown_credential_configuration', async () => {
    const { wallet, accessToken, sessionId } = await walletWithToken();
    const result = await wallet.credential(accessToken, { credential_configuration_id: 'no.such.configuration', proofs: { jwt: [wallet.proof(await wallet.nonce())] } });
    await expectProtocolError(result, 400, 'unknown_credential_configuration', sessionId);
  });

  it('C19: an unknown credential_identifier is unknown_credential_identifier', async () => {
    const { wallet, accessToken, sessionId } = await walletWithToken();
    const result = await wallet.credential(accessToken, { credential_identifier: 'nope', proofs: { jwt: [wallet.proof(await wallet.nonce())] } });
    await expectProtocolError(result, 400, 'unknown_credential_identifier', sessionId);
  });

  it('C21: under strict-1.0 a draft-13 shaped request gets invalid_credential_request with help naming the configuration', async () => {
    const { wallet, accessToken, sessionId } = await walletWithToken({ compatibilityProfile: 'strict-1.0' });
    const result = await wallet.credential(accessToken, { format: 'vc+sd-jwt', vct: 'urn:eudi:pid:1', proof: { proof_type: 'jwt', jwt: wallet.proof(await wallet.nonce()) } });
    await expectProtocolError(result, 400, 'invalid_credential_request', sessionId);
    const timeline = await timelineWith(sessionId, (entry) => entry.level === 'error');
    const help = timeline.entries.find((entry) => entry.level === 'error')?.data?.['help'];
    expect(help).toBe(`use credential_configuration_id "${configurationId}" instead of format and vct, and send proofs: { jwt: [ ... ] } instead of proof`);
  });

  it('F4: notification for an id this session never got is invalid_notification_id', async () => {
    const { wallet, accessToken, sessionId } = await walletWithToken();
    const result = await wallet.notification(accessToken, { notification_id: 'unknown', event: 'credential_accepted' });
    await expectProtocolError(result, 400, 'invalid_notification_id', sessionId);
    const malformed = await wallet.notification(accessToken, { notification_id: 'x', event: 'credential_liked' });
    await expectProtocolError(malformed, 400, 'invalid_notification_request', sessionId);
  });

  it('O2: an offer fetched twice is the same offer both times', async () => {
    const issuance = await createIssuance();
    const path = new URL(issuance.credential_offer_uri).pathname;
    const [first, second] = [await send(path, { method: 'GET' }), await send(path, { method: 'GET' })];
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(second.body).toEqual(first.body);
    expect(first.body['credential_issuer']).toBe(issuance.credential_offer.credential_issuer);
  });

  it('O1: an unknown offer is 404 and not cached', async () => {
    const result = await send('/credential-offers/unknown-offer', { method: 'GET' });
    expect(result.status).toBe(404);
    expect(result.headers.get('cache-control')).toBe('no-store');
  });
});
