import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { clientAuthenticationAnonymous, type CallbackContext, type JwtSignerJwk } from '@openid4vc/oauth2';
import { Openid4vciClient, Openid4vciRetrieveCredentialsError, setGlobalConfig, type DeferredCredentialResponse } from '@openid4vc/openid4vci';
import { CompactEncrypt, compactDecrypt, importJWK, type JWK } from 'jose';
import { expectIssuedPid, verifySdJwtVc } from './interop/verify-sd-jwt-vc.js';
import { generateWalletKey, jwkThumbprint, type WalletKey } from './interop/wallet-key.js';
import { expectProtocolError } from './support/expect-error.js';
import {
  adminApiKey,
  baseUrl,
  createIssuance,
  eventually,
  getIssuance,
  getSession,
  pidClaims,
  preAuthorizedCodeOf,
  timelineWith,
  type CreatedIssuance,
  type IssuanceOptions,
} from './support/issuer-api.js';
import { send, TestWallet, type HttpResult } from './support/wallet.js';

const GRANT = 'urn:ietf:params:oauth:grant-type:pre-authorized_code';
const PID = 'eu.europa.ec.eudi.pid_vc_sd_jwt';

function admin(path: string, body: unknown): Promise<HttpResult> {
  return send(`/admin/v1/issuances/${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${adminApiKey()}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

const supplyClaims = (id: string, claims: Record<string, unknown> = pidClaims) => admin(`${id}/claims`, { credentials: [{ credential_configuration_id: PID, claims }] });
const deny = (id: string, reason: string) => admin(`${id}/deny`, { reason });

/** A wallet holding an access token for a fresh issuance. */
async function walletWithToken(options: IssuanceOptions = { deferred: true }) {
  const issuance = await createIssuance(options);
  const wallet = new TestWallet();
  const token = await wallet.token({ grant_type: GRANT, 'pre-authorized_code': preAuthorizedCodeOf(issuance) });
  expect(token.status).toBe(200);
  const accessToken = token.body['access_token'] as string;
  const requestCredential = async () => wallet.credential(accessToken, { credential_configuration_id: PID, proofs: { jwt: [wallet.proof(await wallet.nonce())] } });
  const poll = (transactionId: string) => wallet.deferredCredential(accessToken, { transaction_id: transactionId });
  return { issuance, wallet, accessToken, requestCredential, poll };
}

/** A wallet that got 202 and a transaction_id for a deferred issuance whose claims are awaited. */
async function deferredWallet() {
  const holder = await walletWithToken();
  const deferred = await holder.requestCredential();
  expect(deferred.status).toBe(202);
  return { ...holder, transactionId: deferred.body['transaction_id'] as string };
}

/** Polls the deferred credential endpoint, as a wallet would after `interval`, until the answer is no longer 202. */
function pollUntilDone(poll: () => Promise<HttpResult>): Promise<HttpResult> {
  return eventually(poll, (result) => result.status !== 202);
}

function credentialsOf(result: HttpResult): string[] {
  return (result.body['credentials'] as Array<{ credential: string }>).map((item) => item.credential);
}

describe('deferred issuance (OID4VCI 1.0 Sections 8.3 and 9)', () => {
  it('F1, F2: 202 and a transaction_id while the claims are awaited, the credential once the issuer supplies them, then the transaction_id is spent', async () => {
    const { issuance, wallet, accessToken, requestCredential, poll } = await walletWithToken();
    expect(issuance.deferred).toBe(true);
    expect(await getIssuance(issuance.id)).toMatchObject({ deferred: true, awaiting_claims: [PID] });

    const deferred = await requestCredential();
    expect(deferred.status).toBe(202);
    expect(deferred.headers.get('cache-control')).toBe('no-store');
    expect(deferred.body).toEqual({ transaction_id: expect.any(String), interval: expect.any(Number) });
    const transactionId = deferred.body['transaction_id'] as string;
    expect(deferred.body['interval']).toBeGreaterThan(0);

    // F1: before the claims are supplied, the same transaction_id and an interval again.
    const notYet = await poll(transactionId);
    expect(notYet.status).toBe(202);
    expect(notYet.headers.get('cache-control')).toBe('no-store');
    expect(notYet.body).toEqual({ transaction_id: transactionId, interval: deferred.body['interval'] });
    expect((await eventually(() => getIssuance(issuance.id), (record) => record.status === 'credential_deferred')).status).toBe('credential_deferred');

    const supplied = await supplyClaims(issuance.id);
    expect(supplied.status).toBe(200);
    expect(supplied.body).toMatchObject({ id: issuance.id, deferred: true, awaiting_claims: [] });

    const delivered = await pollUntilDone(() => poll(transactionId));
    expect(delivered.status).toBe(200);
    expect(delivered.body).toEqual({ credentials: [{ credential: expect.any(String) }], notification_id: expect.any(String) });
    const [credential] = credentialsOf(delivered);
    await expectIssuedPid(credential!, { jkt: wallet.key.jkt });
    // A status list entry like every immediate credential, read by the verifier above.
    expect((await verifySdJwtVc(credential!)).payload['status']).toMatchObject({ status_list: { idx: expect.any(Number), uri: expect.any(String) } });

    // F2: the credential was obtained; the transaction_id is no longer valid.
    await expectProtocolError(await poll(transactionId), 400, 'invalid_transaction_id', issuance.session_id);

    const notified = await wallet.notification(accessToken, { notification_id: delivered.body['notification_id'], event: 'credential_accepted' });
    expect(notified.status).toBe(204);
    expect((await eventually(() => getIssuance(issuance.id), (record) => record.status === 'credential_accepted')).status).toBe('credential_accepted');

    const timeline = await timelineWith(issuance.session_id, (entry) => entry.message === 'Deferred credential issued');
    const messages = timeline.entries.map((entry) => entry.message);
    expect(messages).toEqual(expect.arrayContaining([expect.stringMatching(/^Credential deferred/), expect.stringMatching(/^Deferred credential not ready/), 'Deferred claims supplied', 'Deferred credential issued']));
    const events = await eventually(
      () => getSession(issuance.session_id),
      (session) => ['credential_deferred', 'claims_supplied', 'credential_issued'].every((type) => session?.events.some((event) => event.type === type) ?? false),
    );
    expect(events?.events.find((event) => event.type === 'credential_issued')?.data).toMatchObject({ transactionId });
  });

  it('F2: an unknown transaction_id, or one of another session, is invalid_transaction_id', async () => {
    const { transactionId } = await deferredWallet();
    const other = await walletWithToken();

    await expectProtocolError(await other.poll('no-such-transaction'), 400, 'invalid_transaction_id', other.issuance.session_id);
    await expectProtocolError(await other.poll(transactionId), 400, 'invalid_transaction_id');
    await expectProtocolError(await other.wallet.deferredCredential(other.accessToken, {}), 400, 'invalid_credential_request', other.issuance.session_id);
  });

  it('delivers the credentials once to concurrent polls, signed once', async () => {
    const { issuance, transactionId, poll } = await deferredWallet();
    await supplyClaims(issuance.id);
    await eventually(() => getSession(issuance.session_id), (session) => session?.events.some((event) => event.type === 'claims_supplied') ?? false);
    // The claims event reaches the deferred-service asynchronously: wait until a poll would deliver.
    const results = await eventually(
      () => Promise.all(Array.from({ length: 5 }, () => poll(transactionId))),
      (answers) => answers.some((answer) => answer.status !== 202),
    );

    expect(results.filter((result) => result.status === 200)).toHaveLength(1);
    for (const refused of results.filter((result) => result.status !== 200 && result.status !== 202)) expect(refused.body['error']).toBe('invalid_transaction_id');
    const session = await eventually(() => getSession(issuance.session_id), (value) => value?.events.some((event) => event.type === 'credential_issued') ?? false);
    expect(session?.events.filter((event) => event.type === 'credential_issued')).toHaveLength(1);
  });

  it('F3: a denied issuance is credential_request_denied, with the operator\'s reason on the timeline', async () => {
    const { issuance, transactionId, poll, requestCredential } = await deferredWallet();

    const denied = await deny(issuance.id, 'identity document expired');
    expect({ status: denied.status, body: denied.body }).toEqual({ status: 200, body: { id: issuance.id, status: 'issuance_denied', denial_reason: 'identity document expired' } });

    const refused = await pollUntilDone(() => poll(transactionId));
    await expectProtocolError(refused, 400, 'credential_request_denied', issuance.session_id);
    const timeline = await timelineWith(issuance.session_id, (entry) => entry.level === 'error' && entry.data?.['error'] === 'credential_request_denied');
    const error = timeline.entries.find((entry) => entry.level === 'error' && entry.data?.['error'] === 'credential_request_denied');
    expect(error?.data?.['reason']).toContain('identity document expired');
    // The management API's entry comes from another service: it may reach the timeline later.
    const withDenial = await timelineWith(issuance.session_id, (entry) => entry.message === 'Issuance denied by the issuer');
    expect(withDenial.entries.some((entry) => entry.message === 'Issuance denied by the issuer' && entry.data?.['reason'] === 'identity document expired')).toBe(true);
    // The wallet learns that it is denied, not why.
    expect(JSON.stringify(refused.body)).not.toContain('identity document expired');

    // A new credential request of the session is refused too, and the record stays denied.
    await expectProtocolError(await requestCredential(), 400, 'credential_request_denied');
    expect(await getIssuance(issuance.id)).toMatchObject({ status: 'issuance_denied', denial_reason: 'identity document expired' });
    await expectProtocolError(await supplyClaims(issuance.id), 409, 'conflict', issuance.session_id);
    await expectProtocolError(await deny(issuance.id, 'again'), 409, 'conflict');
  });

  it('issues at once when the claims were supplied before the wallet came', async () => {
    const issuance = await createIssuance({ deferred: true });
    expect((await supplyClaims(issuance.id)).status).toBe(200);
    const wallet = new TestWallet();
    const token = await wallet.token({ grant_type: GRANT, 'pre-authorized_code': preAuthorizedCodeOf(issuance) });
    const accessToken = token.body['access_token'] as string;

    const result = await wallet.credential(accessToken, { credential_configuration_id: PID, proofs: { jwt: [wallet.proof(await wallet.nonce())] } });

    expect(result.status).toBe(200);
    await expectIssuedPid(credentialsOf(result)[0]!, { jkt: wallet.key.jkt });
    expect((await eventually(() => getIssuance(issuance.id), (record) => record.status === 'credential_issued')).status).toBe('credential_issued');
    await expectProtocolError(await deny(issuance.id, 'too late'), 409, 'conflict', issuance.session_id);
  });

  it('refuses a key proof used for a deferred request when it is sent again', async () => {
    const { wallet, accessToken, issuance } = await walletWithToken();
    const proof = wallet.proof(await wallet.nonce());
    expect((await wallet.credential(accessToken, { credential_configuration_id: PID, proofs: { jwt: [proof] } })).status).toBe(202);
    await expectProtocolError(await wallet.credential(accessToken, { credential_configuration_id: PID, proofs: { jwt: [proof] } }), 400, 'invalid_proof', issuance.session_id);
  });

  it('answers operator mistakes with reason and help: claims twice or for an issuance that is not deferred (409), claims that do not fit (400), an unknown issuance (404)', async () => {
    const deferred = await createIssuance({ deferred: true });
    await expectProtocolError(await supplyClaims(deferred.id, { given_name: 'Erika' }), 400, 'invalid_request', deferred.session_id);
    await expectProtocolError(await admin(`${deferred.id}/claims`, { credentials: [{ credential_configuration_id: 'org.iso.18013.5.1.mDL', claims: {} }] }), 400, 'invalid_request');
    await expectProtocolError(await deny(deferred.id, ''), 400, 'invalid_request');
    expect((await supplyClaims(deferred.id)).status).toBe(200);
    await expectProtocolError(await supplyClaims(deferred.id), 409, 'conflict', deferred.session_id);

    const immediate = await createIssuance();
    expect(immediate.deferred).toBe(false);
    await expectProtocolError(await supplyClaims(immediate.id), 409, 'conflict', immediate.session_id);
    await expectProtocolError(await deny(immediate.id, 'no'), 409, 'conflict', immediate.session_id);
    await expectProtocolError(await supplyClaims('no-such-issuance'), 404, 'not_found');

    const withoutClaims = await send('/admin/v1/issuances', {
      method: 'POST',
      headers: { authorization: `Bearer ${adminApiKey()}`, 'content-type': 'application/json' },
      body: JSON.stringify({ credentials: [{ credential_configuration_id: PID }] }),
    });
    await expectProtocolError(withoutClaims, 400, 'invalid_request');
  });

  it('encrypts the deferred response to the key of an encrypted deferred request (Section 9.1)', async () => {
    const { issuance, wallet, accessToken, transactionId } = await deferredWallet();
    await supplyClaims(issuance.id);
    const metadata = (await send('/.well-known/openid-credential-issuer', { method: 'GET' })).body as { credential_request_encryption: { jwks: { keys: JWK[] } } };
    const [issuerKey] = metadata.credential_request_encryption.jwks.keys;
    const responseKey = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const responseJwk = { ...(responseKey.publicKey.export({ format: 'jwk' }) as JWK), alg: 'ECDH-ES', kid: 'wallet-response-key' };
    const encryptedPoll = async () => {
      const jwe = await new CompactEncrypt(Buffer.from(JSON.stringify({ transaction_id: transactionId, credential_response_encryption: { jwk: responseJwk, enc: 'A128GCM' } })))
        .setProtectedHeader({ alg: issuerKey!.alg!, enc: 'A256GCM', kid: issuerKey!.kid! })
        .encrypt(await importJWK(issuerKey!, issuerKey!.alg));
      const response = await fetch(`${baseUrl()}/deferred_credential`, {
        method: 'POST',
        headers: { authorization: `DPoP ${accessToken}`, dpop: wallet.dpop('POST', '/deferred_credential', { accessToken }), 'content-type': 'application/jwt' },
        body: jwe,
      });
      return { status: response.status, contentType: response.headers.get('content-type'), text: await response.text() };
    };

    const answer = await eventually(encryptedPoll, (result) => result.status !== 202);

    expect({ status: answer.status, contentType: answer.contentType }).toEqual({ status: 200, contentType: expect.stringContaining('application/jwt') });
    const { plaintext, protectedHeader } = await compactDecrypt(answer.text, responseKey.privateKey);
    expect(protectedHeader).toMatchObject({ alg: 'ECDH-ES', enc: 'A128GCM', kid: 'wallet-response-key' });
    const response = JSON.parse(Buffer.from(plaintext).toString('utf8')) as { credentials: Array<{ credential: string }> };
    await expectIssuedPid(response.credentials[0]!.credential, { jkt: wallet.key.jkt });
  });

  it('encrypts each deferred response to the credential_response_encryption of that request, not of the credential request (Section 9.1)', async () => {
    const { issuance, wallet, accessToken } = await walletWithToken();
    const metadata = (await send('/.well-known/openid-credential-issuer', { method: 'GET' })).body as { credential_request_encryption: { jwks: { keys: JWK[] } } };
    const [issuerKey] = metadata.credential_request_encryption.jwks.keys;
    const responseKey = (kid: string) => {
      const pair = generateKeyPairSync('ec', { namedCurve: 'P-256' });
      return { privateKey: pair.privateKey, jwk: { ...(pair.publicKey.export({ format: 'jwk' }) as JWK), alg: 'ECDH-ES', kid } };
    };
    const [first, second] = [responseKey('first-key'), responseKey('second-key')];
    const post = async (path: '/credential' | '/deferred_credential', request: object) => {
      const jwe = await new CompactEncrypt(Buffer.from(JSON.stringify(request)))
        .setProtectedHeader({ alg: issuerKey!.alg!, enc: 'A256GCM', kid: issuerKey!.kid! })
        .encrypt(await importJWK(issuerKey!, issuerKey!.alg));
      const response = await fetch(`${baseUrl()}${path}`, {
        method: 'POST',
        headers: { authorization: `DPoP ${accessToken}`, dpop: wallet.dpop('POST', path, { accessToken }), 'content-type': 'application/jwt' },
        body: jwe,
      });
      return { status: response.status, text: await response.text() };
    };
    const open = async (text: string, key: typeof first) => {
      const { plaintext, protectedHeader } = await compactDecrypt(text, key.privateKey);
      return { kid: protectedHeader.kid, body: JSON.parse(Buffer.from(plaintext).toString('utf8')) as Record<string, unknown> };
    };

    const deferred = await post('/credential', { credential_configuration_id: PID, proofs: { jwt: [wallet.proof(await wallet.nonce())] }, credential_response_encryption: { jwk: first.jwk, enc: 'A128GCM' } });
    expect(deferred.status).toBe(202);
    const transactionId = (await open(deferred.text, first)).body['transaction_id'] as string;

    const notYet = await post('/deferred_credential', { transaction_id: transactionId, credential_response_encryption: { jwk: second.jwk, enc: 'A128GCM' } });
    expect(notYet.status).toBe(202);
    expect(await open(notYet.text, second)).toEqual({ kid: 'second-key', body: { transaction_id: transactionId, interval: expect.any(Number) } });
    await expect(compactDecrypt(notYet.text, first.privateKey)).rejects.toThrow();

    // Without the object, the response is not encrypted, whatever earlier requests asked.
    const plain = await wallet.deferredCredential(accessToken, { transaction_id: transactionId });
    expect(plain.status).toBe(202);
    expect(plain.body).toEqual({ transaction_id: transactionId, interval: expect.any(Number) });

    await supplyClaims(issuance.id);
    const delivered = await eventually(() => post('/deferred_credential', { transaction_id: transactionId, credential_response_encryption: { jwk: second.jwk, enc: 'A128GCM' } }), (result) => result.status !== 202);
    expect(delivered.status).toBe(200);
    const { kid, body } = await open(delivered.text, second);
    expect(kid).toBe('second-key');
    await expectIssuedPid((body['credentials'] as Array<{ credential: string }>)[0]!.credential, { jkt: wallet.key.jkt });
  });
});

/** A wallet built on oid4vc-ts: the library speaks OID4VCI, the callbacks only hash, sign and draw randomness. */
function walletCallbacks(keys: WalletKey[]): Omit<CallbackContext, 'verifyJwt' | 'decryptJwe' | 'encryptJwe'> {
  return {
    hash: (data, alg) => createHash(alg.replace('-', '')).update(data).digest(),
    generateRandom: (length) => randomBytes(length),
    clientAuthentication: clientAuthenticationAnonymous(),
    signJwt: async (signer, { header, payload }) => {
      if (signer.method !== 'jwk') throw new Error(`unexpected signer method ${signer.method}`);
      const thumbprints = await Promise.all(keys.map((key) => key.thumbprint()));
      const key = keys[thumbprints.indexOf(await jwkThumbprint(signer.publicJwk))];
      if (!key) throw new Error('asked to sign with a key this wallet does not hold');
      return { jwt: await key.sign(header, payload), signerJwk: signer.publicJwk };
    },
  };
}

function jwkSigner(key: WalletKey): JwtSignerJwk {
  return { method: 'jwk', alg: 'ES256', publicJwk: key.publicJwk };
}

describe('deferred issuance with an oid4vc-ts wallet (@openid4vc/openid4vci 0.4.6)', () => {
  beforeAll(() => {
    setGlobalConfig({ allowInsecureUrls: true });
  });

  it('F1: takes the 202 and the deferred responses, and receives the PID once the issuer supplies the claims', async () => {
    const proofKey = generateWalletKey();
    const dpopKey = generateWalletKey();
    const client = new Openid4vciClient({ callbacks: walletCallbacks([proofKey, dpopKey]) });
    const issuance: CreatedIssuance = await createIssuance({ deferred: true });
    const credentialOffer = await client.resolveCredentialOffer(issuance.offer_url);
    const issuerMetadata = await client.resolveIssuerMetadata(credentialOffer.credential_issuer);
    expect(issuerMetadata.credentialIssuer.deferred_credential_endpoint).toBe(`${credentialOffer.credential_issuer}/deferred_credential`);
    const token = await client.retrievePreAuthorizedCodeAccessTokenFromOffer({ credentialOffer, issuerMetadata, dpop: { signer: jwkSigner(dpopKey) } });
    const accessToken = token.accessTokenResponse.access_token;
    const dpop = token.dpop!;

    const { c_nonce } = await client.requestNonce({ issuerMetadata });
    const proof = await client.createCredentialRequestJwtProof({ issuerMetadata, credentialConfigurationId: PID, signer: jwkSigner(proofKey), nonce: c_nonce });
    const requested = await client.retrieveCredentials({ issuerMetadata, accessToken, credentialConfigurationId: PID, proofs: { jwt: [proof.jwt] }, dpop });
    expect(requested.response.status).toBe(202);
    const transactionId = requested.credentialResponse.transaction_id!;
    expect(requested.credentialResponse).toEqual({ transaction_id: expect.any(String), interval: expect.any(Number) });

    const retrieve = async (): Promise<{ status: number; body: DeferredCredentialResponse }> => {
      try {
        const retrieved = await client.retrieveDeferredCredentials({ issuerMetadata, accessToken, transactionId, dpop });
        return { status: retrieved.response.status, body: retrieved.deferredCredentialResponse };
      } catch (error) {
        // oid4vc-ts 0.4.6 refuses notification_id beside credentials in a deferred response, the
        // reverse of OID4VCI 1.0 Sections 8.3 and 9.2 (oid4vc-ts issue #245, fixed upstream). That
        // must be its only objection; the response it refused is then read as it came.
        if (!(error instanceof Openid4vciRetrieveCredentialsError)) throw error;
        const refusal = (error.response as { deferredCredentialResponseResult?: { error?: { issues: Array<{ message: string }> } } }).deferredCredentialResponseResult;
        expect(refusal?.error?.issues.map((issue) => issue.message)).toEqual(["'notification_id' MUST NOT be defined when 'credentials' is not defined."]);
        return { status: error.response.response.status, body: (await error.response.response.json()) as DeferredCredentialResponse };
      }
    };
    const pending = await retrieve();
    expect(pending).toEqual({ status: 202, body: { transaction_id: transactionId, interval: expect.any(Number) } });

    expect((await supplyClaims(issuance.id)).status).toBe(200);
    const delivered = await eventually(retrieve, (result) => result.status !== 202);

    expect(delivered.status).toBe(200);
    const credentials = delivered.body.credentials ?? [];
    expect(credentials).toHaveLength(1);
    await expectIssuedPid((credentials[0] as { credential: string }).credential, proofKey);
    expect(typeof delivered.body.notification_id).toBe('string');
  });
});
