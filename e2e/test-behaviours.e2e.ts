import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { CompactEncrypt, compactDecrypt, importJWK, type JWK } from 'jose';
import { expectIssuedPid } from './interop/verify-sd-jwt-vc.js';
import { authorize, codeTokenForm } from './support/authorization.js';
import { expectProtocolError } from './support/expect-error.js';
import { adminApiKey, baseUrl, createIssuance, preAuthorizedCodeOf, timelineWith, type CreatedIssuance } from './support/issuer-api.js';
import { send, TestWallet, type HttpResult } from './support/wallet.js';

const GRANT = 'urn:ietf:params:oauth:grant-type:pre-authorized_code';
const PID = 'eu.europa.ec.eudi.pid_vc_sd_jwt';

/** The timeline says the failure was the operator's test behaviour, why, what to do, and where it is written. */
async function expectBehaviourApplied(sessionId: string, behaviour: string): Promise<void> {
  const message = `Test behaviour applied: ${behaviour}`;
  const timeline = await timelineWith(sessionId, (entry) => entry.message === message);
  const entry = timeline.entries.find((candidate) => candidate.message === message);
  expect(entry?.data).toEqual(expect.objectContaining({ behaviour, reason: expect.any(String), help: expect.any(String), spec_ref: expect.stringMatching(/^(OID4VCI 1\.0|RFC 9449) Section /) }));
}

async function walletWithToken(testBehaviours: Record<string, unknown>) {
  const issuance = await createIssuance({ testBehaviours });
  const wallet = new TestWallet();
  const token = await wallet.token({ grant_type: GRANT, 'pre-authorized_code': preAuthorizedCodeOf(issuance) });
  expect(token.status).toBe(200);
  return { issuance, wallet, accessToken: token.body['access_token'] as string };
}

function credentialsOf(result: HttpResult): string[] {
  return (result.body['credentials'] as Array<{ credential: string }>).map(({ credential }) => credential);
}

function postIssuance(body: unknown): Promise<HttpResult> {
  return send('/admin/v1/issuances', { method: 'POST', headers: { authorization: `Bearer ${adminApiKey()}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('test behaviours for wallet developers (test_behaviours on POST /admin/v1/issuances)', () => {
  it('are stored with the issuance and shown by GET /admin/v1/issuances/{id}; an unknown behaviour is a 400 naming it', async () => {
    const testBehaviours = { use_dpop_nonce: true, issue_fewer_credentials: 2, deferred_ready_after: 5 };
    const issuance = (await createIssuance({ testBehaviours })) as CreatedIssuance & { test_behaviours?: unknown };
    expect(issuance.test_behaviours).toEqual(testBehaviours);
    const read = await send(`/admin/v1/issuances/${issuance.id}`, { method: 'GET', headers: { authorization: `Bearer ${adminApiKey()}` } });
    expect(read.body['test_behaviours']).toEqual(testBehaviours);

    const unknown = await postIssuance({ credentials: [{ credential_configuration_id: PID, claims: {} }], test_behaviours: { fail_everything: true } });
    expect({ status: unknown.status, error: unknown.body['error'] }).toEqual({ status: 400, error: 'invalid_request' });
    expect(unknown.body['reason']).toEqual(expect.stringContaining('fail_everything'));
  });

  it('use_dpop_nonce: the first token request without a nonce gets use_dpop_nonce and a DPoP-Nonce header; the retry with it gets the token', async () => {
    const issuance = await createIssuance({ testBehaviours: { use_dpop_nonce: true } });
    const wallet = new TestWallet();
    const form = { grant_type: GRANT, 'pre-authorized_code': preAuthorizedCodeOf(issuance) };

    const first = await wallet.token(form);
    await expectProtocolError(first, 400, 'use_dpop_nonce', issuance.session_id);
    const nonce = first.headers.get('dpop-nonce');
    expect(nonce).toEqual(expect.any(String));
    await expectBehaviourApplied(issuance.session_id, 'use_dpop_nonce');

    const retry = await wallet.token(form, { dpop: wallet.dpop('POST', '/token', { payload: { nonce } }) });
    expect(retry.status).toBe(200);
    expect(retry.body['token_type']).toBe('DPoP');
  });

  it('reject_first_proof: the first credential request gets invalid_nonce though its proof is valid; the retry with a fresh c_nonce gets the credential', async () => {
    const { issuance, wallet, accessToken } = await walletWithToken({ reject_first_proof: true });

    const first = await wallet.credential(accessToken, { credential_configuration_id: PID, proofs: { jwt: [wallet.proof(await wallet.nonce())] } });
    await expectProtocolError(first, 400, 'invalid_nonce', issuance.session_id);
    await expectBehaviourApplied(issuance.session_id, 'reject_first_proof');

    const retry = await wallet.credential(accessToken, { credential_configuration_id: PID, proofs: { jwt: [wallet.proof(await wallet.nonce())] } });
    expect(retry.status).toBe(200);
    await expectIssuedPid(credentialsOf(retry)[0]!, wallet.key);
  });

  it('deferred_ready_after: 202 with a transaction_id, 202 again from the deferred credential endpoint until the time has passed, then the credential', async () => {
    const { issuance, wallet, accessToken } = await walletWithToken({ deferred_ready_after: 2 });

    const deferred = await wallet.credential(accessToken, { credential_configuration_id: PID, proofs: { jwt: [wallet.proof(await wallet.nonce())] } });
    expect(deferred.status).toBe(202);
    expect(deferred.body).toEqual({ transaction_id: expect.any(String), interval: expect.any(Number) });
    await expectBehaviourApplied(issuance.session_id, 'deferred_ready_after');
    const transactionId = deferred.body['transaction_id'] as string;

    const pending = await wallet.deferredCredential(accessToken, { transaction_id: transactionId });
    expect(pending.status).toBe(202);
    expect(pending.body['transaction_id']).toBe(transactionId);

    await sleep(2_200);
    const ready = await wallet.deferredCredential(accessToken, { transaction_id: transactionId });
    expect(ready.status).toBe(200);
    await expectIssuedPid(credentialsOf(ready)[0]!, wallet.key);
  });

  it('issue_fewer_credentials: a batch of three key proofs gets two credentials, bound to the first two keys', async () => {
    const { issuance, wallet, accessToken } = await walletWithToken({ issue_fewer_credentials: true });
    const holders = [new TestWallet(), new TestWallet(), new TestWallet()];
    const nonce = await wallet.nonce();

    const result = await wallet.credential(accessToken, { credential_configuration_id: PID, proofs: { jwt: holders.map((holder) => holder.proof(nonce)) } });

    expect(result.status).toBe(200);
    const credentials = credentialsOf(result);
    expect(credentials).toHaveLength(2);
    for (const [index, credential] of credentials.entries()) await expectIssuedPid(credential, holders[index]!.key);
    await expectBehaviourApplied(issuance.session_id, 'issue_fewer_credentials');
  });

  it('reverse_batch_order: the credentials of a batch come in the reverse order of the key proofs', async () => {
    const { issuance, wallet, accessToken } = await walletWithToken({ reverse_batch_order: true });
    const holders = [new TestWallet(), new TestWallet(), new TestWallet()];
    const nonce = await wallet.nonce();

    const result = await wallet.credential(accessToken, { credential_configuration_id: PID, proofs: { jwt: holders.map((holder) => holder.proof(nonce)) } });

    expect(result.status).toBe(200);
    const credentials = credentialsOf(result);
    expect(credentials).toHaveLength(3);
    for (const [index, credential] of credentials.entries()) await expectIssuedPid(credential, holders[2 - index]!.key);
    await expectBehaviourApplied(issuance.session_id, 'reverse_batch_order');
  });

  it('require_request_encryption: an unencrypted credential request gets invalid_encryption_parameters; the encrypted retry gets the credential', async () => {
    const { issuance, wallet, accessToken } = await walletWithToken({ require_request_encryption: true });

    const plain = await wallet.credential(accessToken, { credential_configuration_id: PID, proofs: { jwt: [wallet.proof(await wallet.nonce())] } });
    await expectProtocolError(plain, 400, 'invalid_encryption_parameters', issuance.session_id);
    await expectBehaviourApplied(issuance.session_id, 'require_request_encryption');

    const encrypted = await postEncrypted(wallet, accessToken, { credential_configuration_id: PID, proofs: { jwt: [wallet.proof(await wallet.nonce())] } });
    expect(encrypted.status).toBe(200);
    const body = (await encrypted.json()) as { credentials: Array<{ credential: string }> };
    await expectIssuedPid(body.credentials[0]!.credential, wallet.key);
  });

  it('require_response_encryption: a request without credential_response_encryption gets invalid_encryption_parameters; the retry asking for it gets an encrypted response', async () => {
    const { issuance, wallet, accessToken } = await walletWithToken({ require_response_encryption: true });

    const unasked = await postEncrypted(wallet, accessToken, { credential_configuration_id: PID, proofs: { jwt: [wallet.proof(await wallet.nonce())] } });
    expect(unasked.status).toBe(400);
    expect(((await unasked.json()) as { error: string }).error).toBe('invalid_encryption_parameters');
    await expectBehaviourApplied(issuance.session_id, 'require_response_encryption');

    const responseKey = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const jwk = { ...(responseKey.publicKey.export({ format: 'jwk' }) as JWK), alg: 'ECDH-ES' };
    const asked = await postEncrypted(wallet, accessToken, { credential_configuration_id: PID, proofs: { jwt: [wallet.proof(await wallet.nonce())] }, credential_response_encryption: { jwk, enc: 'A128GCM' } });
    expect(asked.status).toBe(200);
    expect(asked.headers.get('content-type')).toContain('application/jwt');
    const { plaintext } = await compactDecrypt(await asked.text(), responseKey.privateKey);
    const body = JSON.parse(Buffer.from(plaintext).toString('utf8')) as { credentials: Array<{ credential: string }> };
    await expectIssuedPid(body.credentials[0]!.credential, wallet.key);
  });

  it('with the authorization code grant: use_dpop_nonce at the token endpoint and reject_first_proof at the credential endpoint, each then retried with success', async () => {
    const issuance = await createIssuance({ authorizationCode: true, testBehaviours: { use_dpop_nonce: true, reject_first_proof: true } });
    const issuerState = (issuance.credential_offer.grants['authorization_code'] as { issuer_state: string }).issuer_state;
    const wallet = new TestWallet();
    const { code, pkce } = await authorize({ issuer_state: issuerState }, wallet);

    const first = await wallet.token(codeTokenForm(code, pkce.code_verifier));
    await expectProtocolError(first, 400, 'use_dpop_nonce', issuance.session_id);
    const token = await wallet.token(codeTokenForm(code, pkce.code_verifier), { dpop: wallet.dpop('POST', '/token', { payload: { nonce: first.headers.get('dpop-nonce') } }) });
    expect(token.status).toBe(200);
    const accessToken = token.body['access_token'] as string;

    const rejected = await wallet.credential(accessToken, { credential_configuration_id: PID, proofs: { jwt: [wallet.proof(await wallet.nonce())] } });
    await expectProtocolError(rejected, 400, 'invalid_nonce', issuance.session_id);
    const issued = await wallet.credential(accessToken, { credential_configuration_id: PID, proofs: { jwt: [wallet.proof(await wallet.nonce())] } });
    expect(issued.status).toBe(200);
    await expectIssuedPid(credentialsOf(issued)[0]!, wallet.key);
    await expectBehaviourApplied(issuance.session_id, 'use_dpop_nonce');
    await expectBehaviourApplied(issuance.session_id, 'reject_first_proof');
  });

  it('offer_expires_in: the credential offer URI answers until then, 404 after', async () => {
    const issuance = await createIssuance({ testBehaviours: { offer_expires_in: 1 } });
    const offerPath = new URL(issuance.credential_offer_uri).pathname;
    expect((await send(offerPath, { method: 'GET' })).status).toBe(200);

    await sleep(1_200);
    const expired = await send(offerPath, { method: 'GET' });
    await expectProtocolError(expired, 404, 'not_found');
    await expectBehaviourApplied(issuance.session_id, 'offer_expires_in');
  });

  it('pre_authorized_code_expires_in: the token endpoint answers invalid_grant after then, the timeline saying it expired', async () => {
    const issuance = await createIssuance({ testBehaviours: { pre_authorized_code_expires_in: 1 } });
    await sleep(1_200);

    const wallet = new TestWallet();
    const token = await wallet.token({ grant_type: GRANT, 'pre-authorized_code': preAuthorizedCodeOf(issuance) });
    await expectProtocolError(token, 400, 'invalid_grant', issuance.session_id);
    const timeline = await timelineWith(issuance.session_id, (entry) => entry.data?.['error'] === 'invalid_grant');
    expect(timeline.entries.find((entry) => entry.data?.['error'] === 'invalid_grant')?.data?.['reason']).toEqual(expect.stringContaining('expired'));
    await expectBehaviourApplied(issuance.session_id, 'pre_authorized_code_expires_in');
  });
});

/** The credential request encrypted to the first key of credential_request_encryption.jwks, as application/jwt. */
async function postEncrypted(wallet: TestWallet, accessToken: string, request: object): Promise<Response> {
  const metadata = (await send('/.well-known/openid-credential-issuer', { method: 'GET' })).body as { credential_request_encryption: { jwks: { keys: JWK[] } } };
  const [issuerKey] = metadata.credential_request_encryption.jwks.keys;
  const jwe = await new CompactEncrypt(Buffer.from(JSON.stringify(request)))
    .setProtectedHeader({ alg: issuerKey!.alg!, enc: 'A256GCM', kid: issuerKey!.kid! })
    .encrypt(await importJWK(issuerKey!, issuerKey!.alg));
  return fetch(`${baseUrl()}/credential`, {
    method: 'POST',
    headers: { authorization: `DPoP ${accessToken}`, dpop: wallet.dpop('POST', '/credential', { accessToken }), 'content-type': 'application/jwt' },
    body: jwe,
  });
}
