import { describe, expect, it } from '@jest/globals';
import { createIssuance, preAuthorizedCodeOf, timelineWith, type IssuanceOptions } from './support/issuer-api.js';
import { expectProtocolError } from './support/expect-error.js';
import { cNonceIssuedAgo, reissuedAccessToken } from './support/platform-secrets.js';
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

// OID4VCI 1.0 Sections 8.3.1.2, 9.3 and 11.3, RFC 6750 Section 3.1, RFC 9449 Section 7.1: the codes these endpoints may answer.
const STANDARD_CODES = {
  '/credential': [
    'invalid_credential_request',
    'unknown_credential_configuration',
    'unknown_credential_identifier',
    'invalid_proof',
    'invalid_nonce',
    'invalid_encryption_parameters',
    'credential_request_denied',
    'invalid_request',
    'invalid_token',
    'insufficient_scope',
    'invalid_dpop_proof',
    'use_dpop_nonce',
  ],
  '/deferred_credential': ['invalid_credential_request', 'invalid_transaction_id', 'credential_request_denied', 'invalid_encryption_parameters', 'invalid_request', 'invalid_token', 'invalid_dpop_proof'],
  '/notification': ['invalid_notification_id', 'invalid_notification_request', 'invalid_request', 'invalid_token', 'invalid_dpop_proof'],
};

type Endpoint = keyof typeof STANDARD_CODES;
/** A request body as sent: JSON text, or raw text under its own content type. */
type MalformedCase = [name: string, endpoint: Endpoint, body: (wallet: TestWallet) => Promise<{ text: string; contentType?: string }>];

const json = (value: unknown) => async () => ({ text: JSON.stringify(value) });
const withProof = (request: (proof: string) => unknown) => async (wallet: TestWallet) => ({ text: JSON.stringify(request(wallet.proof(await wallet.nonce()))) });

const malformed: MalformedCase[] = [
  ['a JSON string', '/credential', json('credential')],
  ['a JSON array', '/credential', json([{ credential_configuration_id: configurationId }])],
  ['broken JSON', '/credential', async () => ({ text: '{"credential_configuration_id": ' })],
  ['text/plain', '/credential', async () => ({ text: JSON.stringify({ credential_configuration_id: configurationId }), contentType: 'text/plain' })],
  ['form-encoded', '/credential', async () => ({ text: `credential_configuration_id=${configurationId}`, contentType: 'application/x-www-form-urlencoded' })],
  ['credential_configuration_id a number', '/credential', withProof((proof) => ({ credential_configuration_id: 5, proofs: { jwt: [proof] } }))],
  ['credential_configuration_id with non-ASCII characters', '/credential', withProof((proof) => ({ credential_configuration_id: 'Führerschein ☃', proofs: { jwt: [proof] } }))],
  ['both credential_configuration_id and credential_identifier', '/credential', withProof((proof) => ({ credential_configuration_id: configurationId, credential_identifier: 'x', proofs: { jwt: [proof] } }))],
  ['proofs a string', '/credential', withProof((proof) => ({ credential_configuration_id: configurationId, proofs: proof }))],
  ['proofs.jwt empty', '/credential', json({ credential_configuration_id: configurationId, proofs: { jwt: [] } })],
  ['proofs.jwt a string, not an array', '/credential', withProof((proof) => ({ credential_configuration_id: configurationId, proofs: { jwt: proof } }))],
  ['proofs.jwt holding a number', '/credential', json({ credential_configuration_id: configurationId, proofs: { jwt: [5] } })],
  ['a key proof that is not a JWT', '/credential', json({ credential_configuration_id: configurationId, proofs: { jwt: ['not.a.jwt'] } })],
  ['a key proof with a non-ASCII header value', '/credential', async (wallet) => ({ text: JSON.stringify({ credential_configuration_id: configurationId, proofs: { jwt: [wallet.proof(await wallet.nonce(), { header: { typ: 'Schlüssel' } })] } }) })],
  ['a proof type the configuration does not support', '/credential', json({ credential_configuration_id: configurationId, proofs: { ldp_vp: [{}] } })],
  ['credential_response_encryption a string', '/credential', withProof((proof) => ({ credential_configuration_id: configurationId, proofs: { jwt: [proof] }, credential_response_encryption: 'A128GCM' }))],
  ['an empty body', '/deferred_credential', async () => ({ text: '' })],
  ['transaction_id a number', '/deferred_credential', json({ transaction_id: 5 })],
  ['a JSON null', '/deferred_credential', json(null)],
  ['transaction_id with non-ASCII characters', '/deferred_credential', json({ transaction_id: 'Überweisung' })],
  ['a JSON null', '/notification', json(null)],
  ['broken JSON', '/notification', async () => ({ text: '{"notification_id": "x", ' })],
  ['text/plain', '/deferred_credential', async () => ({ text: 'transaction_id=x', contentType: 'text/plain' })],
  ['no notification_id', '/notification', json({ event: 'credential_accepted' })],
  ['notification_id a number', '/notification', json({ notification_id: 5, event: 'credential_accepted' })],
  ['an event in upper case', '/notification', json({ notification_id: 'x', event: 'CREDENTIAL_ACCEPTED' })],
  ['an event_description outside ASCII', '/notification', json({ notification_id: 'x', event: 'credential_failure', event_description: 'Schlüssel verloren' })],
];

describe('every error answer of the credential, deferred credential and notification endpoints (NEGATIVE-TESTS C23)', () => {
  it.each(malformed)('%s at %s: 400 with a standard code, JSON, not cached, an ASCII description, and reason, help and spec_ref on the timeline', async (_, endpoint, body) => {
    const { wallet, accessToken, sessionId } = await walletWithToken();
    const { text, contentType } = await body(wallet);
    const result = await send(endpoint, {
      method: 'POST',
      headers: { authorization: `DPoP ${accessToken}`, dpop: wallet.dpop('POST', endpoint, { accessToken }), 'content-type': contentType ?? 'application/json' },
      body: text,
    });
    expect(STANDARD_CODES[endpoint]).toContain(result.body['error']);
    await expectProtocolError(result, 400, result.body['error'] as string, sessionId);
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

  it('C4: an expired token, one for another audience or of another issuer, and a forged one are 401 invalid_token', async () => {
    const { wallet, accessToken } = await walletWithToken();
    const now = Math.floor(Date.now() / 1000);
    const [header, payload] = accessToken.split('.');
    const refused: Array<[string, string]> = [
      ['expired', reissuedAccessToken(accessToken, (claims) => ({ ...claims, iat: now - 1200, exp: now - 600 }))],
      ['another audience', reissuedAccessToken(accessToken, (claims) => ({ ...claims, aud: 'https://other-issuer.example.com' }))],
      ['another issuer', reissuedAccessToken(accessToken, (claims) => ({ ...claims, iss: 'https://other-issuer.example.com' }))],
      ['forged', `${header}.${payload}.${'A'.repeat(86)}`],
    ];
    for (const [name, token] of refused) {
      const result = await wallet.credential(token, { credential_configuration_id: configurationId, proofs: { jwt: [wallet.proof(await wallet.nonce())] } });
      expect({ name, status: result.status }).toEqual({ name, status: 401 });
      await expectProtocolError(result, 401, 'invalid_token');
      expect(result.headers.get('www-authenticate')).toMatch(/^DPoP error="invalid_token"/);
    }
    // Re-signed unchanged, the token is accepted: each refusal above is for the claim that was changed.
    const unchanged = reissuedAccessToken(accessToken, (claims) => claims);
    expect((await wallet.credential(unchanged, { credential_configuration_id: configurationId, proofs: { jwt: [wallet.proof(await wallet.nonce())] } })).status).toBe(200);
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

  it('C7: a proof with a c_nonce of this issuer that has expired is invalid_nonce', async () => {
    const { wallet, accessToken, sessionId } = await walletWithToken();
    const expired = cNonceIssuedAgo(600, 300);
    const result = await wallet.credential(accessToken, { credential_configuration_id: configurationId, proofs: { jwt: [wallet.proof(expired)] } });
    await expectProtocolError(result, 400, 'invalid_nonce', sessionId);
    const timeline = await timelineWith(sessionId, (entry) => entry.data?.['error'] === 'invalid_nonce');
    expect(timeline.entries.find((entry) => entry.data?.['error'] === 'invalid_nonce')?.data?.['reason']).toBe('proofs.jwt[0] nonce has expired');
    // Still within its lifetime, a c_nonce of the same age is accepted.
    const fresh = await wallet.credential(accessToken, { credential_configuration_id: configurationId, proofs: { jwt: [wallet.proof(cNonceIssuedAgo(600, 900))] } });
    expect(fresh.status).toBe(200);
  });

  it('C7, C13: a used c_nonce signs a new proof until it expires (OID4VCI 1.0 Section 13.8 leaves that to the issuer); the used proof does not pass again', async () => {
    const { wallet, accessToken, sessionId } = await walletWithToken();
    const nonce = await wallet.nonce();
    const first = wallet.proof(nonce);
    expect((await wallet.credential(accessToken, { credential_configuration_id: configurationId, proofs: { jwt: [first] } })).status).toBe(200);
    expect((await wallet.credential(accessToken, { credential_configuration_id: configurationId, proofs: { jwt: [wallet.proof(nonce)] } })).status).toBe(200);
    await expectProtocolError(await wallet.credential(accessToken, { credential_configuration_id: configurationId, proofs: { jwt: [first] } }), 400, 'invalid_proof', sessionId);
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
