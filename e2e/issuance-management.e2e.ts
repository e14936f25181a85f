import { describe, expect, it } from '@jest/globals';
import { expectProtocolError } from './support/expect-error.js';
import { adminApiKey, createIssuance, eventually, getIssuance, getSession, pidClaims, preAuthorizedCodeOf, timelineWith } from './support/issuer-api.js';
import { send, TestWallet, type HttpResult } from './support/wallet.js';

const GRANT = 'urn:ietf:params:oauth:grant-type:pre-authorized_code';
const PID = 'eu.europa.ec.eudi.pid_vc_sd_jwt';
const MDL = 'org.iso.18013.5.1.mDL';

const admin = (method: string, path: string, body?: unknown): Promise<HttpResult> =>
  send(`/admin/v1/issuances${path}`, {
    method,
    headers: { authorization: `Bearer ${adminApiKey()}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });

const list = (query: Record<string, string>) => admin('GET', `?${new URLSearchParams(query).toString()}`);
const idsOf = (result: HttpResult) => (result.body['items'] as Array<{ id: string }>).map((item) => item.id);
const create = (body: Record<string, unknown>) => admin('POST', '', { credentials: [{ credential_configuration_id: PID, claims: pidClaims }], ...body });

describe('issuance list (GET /admin/v1/issuances)', () => {
  it('lists newest first, page by page with next_cursor, each item as GET shows it', async () => {
    const since = new Date().toISOString();
    const created = [await createIssuance(), await createIssuance(), await createIssuance()];
    const newestFirst = created.map((issuance) => issuance.id).reverse();

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await list({ created_after: since, limit: '2', ...(cursor && { cursor }) });
      expect(page.status).toBe(200);
      seen.push(...idsOf(page));
      cursor = page.body['next_cursor'] as string | null;
      pages++;
    } while (cursor);
    expect(seen).toEqual(newestFirst);
    expect(pages).toBe(2);

    const first = await list({ session_id: created[0]!.session_id });
    expect(first.body).toEqual({ items: [await getIssuance(created[0]!.id)], next_cursor: null });
  });

  it('filters by status, credential configuration, grant type and creation time', async () => {
    const since = new Date().toISOString();
    const pid = await createIssuance();
    const mdl = await createIssuance({ credentialConfigurationId: MDL, deferred: true });
    const authorized = await createIssuance({ authorizationCode: true });
    expect((await send(new URL(pid.credential_offer_uri).pathname, { method: 'GET' })).status).toBe(200);
    await eventually(() => getIssuance(pid.id), (record) => record.status === 'offer_received');

    expect(idsOf(await list({ created_after: since, status: 'offer_received' }))).toEqual([pid.id]);
    expect(idsOf(await list({ created_after: since, grant_type: 'authorization_code' }))).toEqual([authorized.id]);
    expect(idsOf(await list({ created_after: since, credential_configuration_id: PID }))).toEqual([authorized.id, pid.id]);
    expect(idsOf(await list({ created_after: since, credential_configuration_id: MDL }))).toEqual([mdl.id]);
    expect(idsOf(await list({ created_after: since, created_before: since }))).toEqual([]);
    expect(idsOf(await list({ created_before: since, session_id: pid.session_id }))).toEqual([]);
  });

  it('answers a wrong filter value with 400 invalid_request naming the parameter', async () => {
    const cases: Array<[Record<string, string>, RegExp]> = [
      [{ status: 'finished' }, /status/],
      [{ created_after: 'last week' }, /created_after/],
      [{ limit: '1000' }, /limit/],
      [{ cursor: 'made-up' }, /cursor: is not a next_cursor/],
      [{ colour: 'blue' }, /colour/],
    ];
    for (const [query, reason] of cases) {
      const result = await list(query);
      expect({ status: result.status, error: result.body['error'] }).toEqual({ status: 400, error: 'invalid_request' });
      expect(result.body['reason']).toMatch(reason);
      expect(result.body['help']).toEqual(expect.any(String));
    }
  });
});

describe('issuance deletion (DELETE /admin/v1/issuances/{id})', () => {
  it('withdraws the offer (404) and the pre-authorized code (invalid_grant); a second delete is 404', async () => {
    const issuance = await createIssuance();
    const deleted = await admin('DELETE', `/${issuance.id}`);
    expect(deleted.status).toBe(204);

    expect((await admin('GET', `/${issuance.id}`)).status).toBe(404);
    expect(idsOf(await list({ session_id: issuance.session_id }))).toEqual([]);
    const offer = await send(new URL(issuance.credential_offer_uri).pathname, { method: 'GET' });
    expect(offer.status).toBe(404);
    const token = await new TestWallet().token({ grant_type: GRANT, 'pre-authorized_code': preAuthorizedCodeOf(issuance) });
    await expectProtocolError(token, 400, 'invalid_grant');

    const again = await admin('DELETE', `/${issuance.id}`);
    expect({ status: again.status, error: again.body['error'] }).toEqual({ status: 404, error: 'not_found' });
    const timeline = await timelineWith(issuance.session_id, (entry) => entry.message === 'Issuance deleted by the issuer');
    expect(timeline.entries.some((entry) => entry.message === 'Issuance deleted by the issuer')).toBe(true);
    const session = await eventually(() => getSession(issuance.session_id), (value) => value?.events.some((event) => event.type === 'deleted') ?? false);
    expect(session?.session.state).toBe('issuance_deleted');
  });

  it('answers an unknown id with 404; an access token of a deleted issuance gets credential_request_denied', async () => {
    const unknown = await admin('DELETE', '/no-such-issuance');
    expect({ status: unknown.status, error: unknown.body['error'], reason: unknown.body['reason'] }).toEqual({ status: 404, error: 'not_found', reason: 'No issuance with id no-such-issuance.' });

    const issuance = await createIssuance();
    const wallet = new TestWallet();
    const token = await wallet.token({ grant_type: GRANT, 'pre-authorized_code': preAuthorizedCodeOf(issuance) });
    const accessToken = token.body['access_token'] as string;
    const credential = await wallet.credential(accessToken, { credential_configuration_id: PID, proofs: { jwt: [wallet.proof(await wallet.nonce())] } });
    expect(credential.status).toBe(200);
    expect((await admin('DELETE', `/${issuance.id}`)).status).toBe(204);
    // OID4VCI 1.0 Section 8.3.1.2: the claims went with the issuance.
    const after = await wallet.credential(accessToken, { credential_configuration_id: PID, proofs: { jwt: [wallet.proof(await wallet.nonce())] } });
    await expectProtocolError(after, 400, 'credential_request_denied', issuance.session_id);
  });
});

describe('issuance deletion for a wallet waiting for a deferred credential', () => {
  it('answers its next deferred credential request with credential_request_denied (OID4VCI 1.0 Section 9.3)', async () => {
    const issuance = await createIssuance({ deferred: true });
    const wallet = new TestWallet();
    const token = await wallet.token({ grant_type: GRANT, 'pre-authorized_code': preAuthorizedCodeOf(issuance) });
    const accessToken = token.body['access_token'] as string;
    const deferred = await wallet.credential(accessToken, { credential_configuration_id: PID, proofs: { jwt: [wallet.proof(await wallet.nonce())] } });
    expect(deferred.status).toBe(202);

    expect((await admin('DELETE', `/${issuance.id}`)).status).toBe(204);

    const refused = await eventually(() => wallet.deferredCredential(accessToken, { transaction_id: deferred.body['transaction_id'] }), (result) => result.status !== 202);
    await expectProtocolError(refused, 400, 'credential_request_denied', issuance.session_id);
  });
});

describe('offer hygiene on create (OID4VCI 1.0 Section 4.1.1)', () => {
  it('uses an operator-supplied tx_code value that fits, without putting it in the offer', async () => {
    const created = await create({ grant: { type: 'pre-authorized_code', tx_code: { input_mode: 'numeric', length: 4, value: '0815' } } });
    expect(created.status).toBe(201);
    expect(created.body['tx_code']).toBe('0815');
    const grant = (created.body['credential_offer'] as { grants: Record<string, { 'pre-authorized_code': string; tx_code: Record<string, unknown> }> }).grants[GRANT]!;
    expect(grant.tx_code).toEqual({ input_mode: 'numeric', length: 4 });

    const code = grant['pre-authorized_code'];
    const wrong = await new TestWallet().token({ grant_type: GRANT, 'pre-authorized_code': code, tx_code: '1234' });
    await expectProtocolError(wrong, 400, 'invalid_grant');
    const token = await new TestWallet().token({ grant_type: GRANT, 'pre-authorized_code': code, tx_code: '0815' });
    expect(token.status).toBe(200);
  });

  it('refuses a tx_code value that does not fit length or input_mode, a description over 300 characters and an unknown configuration, naming the field', async () => {
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ grant: { type: 'pre-authorized_code', tx_code: { length: 6, value: '1234' } } }, /grant\.tx_code\.value: has 4 characters, but length is 6/],
      [{ grant: { type: 'pre-authorized_code', tx_code: { input_mode: 'numeric', value: 'ABCD' } } }, /grant\.tx_code\.value: has characters other than digits, but input_mode is numeric/],
      [{ grant: { type: 'pre-authorized_code', tx_code: { value: '12 4' } } }, /grant\.tx_code\.value: .*input_mode is numeric \(the default\)/],
      [{ grant: { type: 'pre-authorized_code', tx_code: { description: 'x'.repeat(301) } } }, /grant\.tx_code\.description: must not exceed 300 characters/],
      [{ credentials: [{ credential_configuration_id: 'no.such.configuration', claims: {} }] }, /credentials\[0\]\.credential_configuration_id no\.such\.configuration is unknown/],
    ];
    for (const [body, reason] of cases) {
      const result = await create(body);
      expect({ status: result.status, error: result.body['error'] }).toEqual({ status: 400, error: 'invalid_request' });
      expect(result.body['reason']).toMatch(reason);
      expect(JSON.stringify(result.body)).not.toMatch(/ABCD|"1234"/);
    }
  });
});

describe('issuance statuses', () => {
  it('moves to credential_deleted when the wallet notifies that it deleted the credential (OID4VCI 1.0 Section 11)', async () => {
    const issuance = await createIssuance();
    const wallet = new TestWallet();
    const token = await wallet.token({ grant_type: GRANT, 'pre-authorized_code': preAuthorizedCodeOf(issuance) });
    const accessToken = token.body['access_token'] as string;
    const credential = await wallet.credential(accessToken, { credential_configuration_id: PID, proofs: { jwt: [wallet.proof(await wallet.nonce())] } });
    await eventually(() => getIssuance(issuance.id), (record) => record.status === 'credential_issued');

    const notified = await wallet.notification(accessToken, { notification_id: credential.body['notification_id'], event: 'credential_deleted' });
    expect(notified.status).toBe(204);
    expect((await eventually(() => getIssuance(issuance.id), (record) => record.status === 'credential_deleted')).status).toBe('credential_deleted');
  });

  it('moves to credential_acked when the wallet collects a deferred credential, then follows its notification', async () => {
    const issuance = await createIssuance({ deferred: true });
    const wallet = new TestWallet();
    const token = await wallet.token({ grant_type: GRANT, 'pre-authorized_code': preAuthorizedCodeOf(issuance) });
    const accessToken = token.body['access_token'] as string;
    const deferred = await wallet.credential(accessToken, { credential_configuration_id: PID, proofs: { jwt: [wallet.proof(await wallet.nonce())] } });
    expect(deferred.status).toBe(202);
    expect((await admin('POST', `/${issuance.id}/claims`, { credentials: [{ credential_configuration_id: PID, claims: pidClaims }] })).status).toBe(200);

    const delivered = await eventually(() => wallet.deferredCredential(accessToken, { transaction_id: deferred.body['transaction_id'] }), (result) => result.status !== 202);
    expect(delivered.status).toBe(200);
    expect((await eventually(() => getIssuance(issuance.id), (record) => record.status === 'credential_acked')).status).toBe('credential_acked');

    await wallet.notification(accessToken, { notification_id: delivered.body['notification_id'], event: 'credential_accepted' });
    expect((await eventually(() => getIssuance(issuance.id), (record) => record.status === 'credential_accepted')).status).toBe('credential_accepted');
    expect(idsOf(await list({ session_id: issuance.session_id, status: 'credential_accepted' }))).toEqual([issuance.id]);
  });
});
