import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { verifySdJwtVc } from './interop/verify-sd-jwt-vc.js';
import { expectProtocolError } from './support/expect-error.js';
import { adminApiKey, baseUrl, createIssuance, eventually, preAuthorizedCodeOf } from './support/issuer-api.js';
import { replicable, startReplica, type Replica } from './support/replica.js';
import { TestWallet } from './support/wallet.js';

interface Answer {
  status: number;
  body: Record<string, unknown>;
}

/** `key` null: no Authorization header. */
async function call(method: string, path: string, body?: unknown, key: string | null = adminApiKey()): Promise<Answer> {
  const response = await fetch(`${baseUrl()}${path}`, {
    method,
    headers: { ...(key !== null && { authorization: `Bearer ${key}` }), ...(body !== undefined && { 'content-type': 'application/json' }) },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

const unique = () => `e2e_${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;

const membership = (id: string) => ({
  id,
  format: 'dc+sd-jwt',
  vct: `urn:example:membership:${id}`,
  scope: id,
  cryptographic_binding_methods_supported: ['jwk'],
  credential_signing_alg_values_supported: ['ES256'],
  proof_types_supported: { jwt: { proof_signing_alg_values_supported: ['ES256'] } },
  display: [{ name: 'Club membership', locale: 'en' }],
  validity_seconds: 3600,
  claims: [
    { path: ['member_id'], mandatory: true, sd: 'never', display: [{ name: 'Member number', locale: 'en' }] },
    { path: ['name'], mandatory: true, display: [{ name: 'Name', locale: 'en' }] },
  ],
});

const memberClaims = { member_id: 'M-42', name: 'Erika Mustermann' };

async function advertised(id: string, origin = baseUrl()): Promise<Record<string, unknown> | undefined> {
  const metadata = await fetch(`${origin}/.well-known/openid-credential-issuer`).then((response) => response.json() as Promise<{ credential_configurations_supported: Record<string, Record<string, unknown>> }>);
  return metadata.credential_configurations_supported[id];
}

/** The credential-service learns of a change by event: in the distributed mode a moment after the offer-service answered. */
const eventuallyAdvertised = (id: string, accept: (entry: Record<string, unknown> | undefined) => boolean) => eventually(() => advertised(id), accept);

async function issue(id: string): Promise<{ status: number; body: Record<string, unknown>; wallet: TestWallet }> {
  const issuance = await createIssuance({ credentialConfigurationId: id, claims: memberClaims });
  const wallet = new TestWallet();
  const token = await wallet.token({ grant_type: 'urn:ietf:params:oauth:grant-type:pre-authorized_code', 'pre-authorized_code': preAuthorizedCodeOf(issuance) });
  expect(token.status).toBe(200);
  const credential = await wallet.credential(token.body['access_token'] as string, { credential_configuration_id: id, proofs: { jwt: [wallet.proof(await wallet.nonce())] } });
  return { ...credential, wallet };
}

function expectAdminError(answer: Answer, status: number, error: string, reason: RegExp | string): void {
  expect({ status: answer.status, error: answer.body['error'] }).toEqual({ status, error });
  expect(answer.body['reason']).toEqual(typeof reason === 'string' ? reason : expect.stringMatching(reason));
  expect(answer.body['help']).toEqual(expect.any(String));
}

describe('credential configurations as data (management API)', () => {
  it('lists the built-in and file configurations, and shows one by id', async () => {
    const list = await call('GET', '/admin/v1/credential-configurations');
    expect(list.status).toBe(200);
    const entries = list.body['credential_configurations'] as Array<Record<string, unknown>>;
    expect(entries).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: 'eu.europa.ec.eudi.pid_vc_sd_jwt', source: 'builtin', disabled: false, revision: 0 }),
        expect.objectContaining({ id: 'membership_sd_jwt', source: 'file', disabled: false, revision: 0 }),
      ]),
    );
    const pid = await call('GET', '/admin/v1/credential-configurations/eu.europa.ec.eudi.pid_vc_sd_jwt');
    expect(pid.status).toBe(200);
    expect(pid.body['configuration']).toMatchObject({ id: 'eu.europa.ec.eudi.pid_vc_sd_jwt', format: 'dc+sd-jwt', vct: 'urn:eudi:pid:1' });
  });

  it('refuses an invalid configuration with 400 naming the field, an unknown id with 404 and a duplicate with 409', async () => {
    const id = unique();
    expectAdminError(await call('POST', '/admin/v1/credential-configurations', { ...membership(id), format: 'ldp_vc' }), 400, 'invalid_request', /^The credential configuration is invalid: format: /);
    expectAdminError(
      await call('POST', '/admin/v1/credential-configurations', { ...membership(id), claims: [{ path: ['name', -1] }] }),
      400,
      'invalid_request',
      /^The credential configuration is invalid: claims\[0\]\.path\[1\]: /,
    );
    expectAdminError(await call('POST', '/admin/v1/credential-configurations', { ...membership(id), validity_seconds: 'long' }), 400, 'invalid_request', /validity_seconds: /);
    expectAdminError(await call('POST', '/admin/v1/credential-configurations', { ...membership(id), scope: 'membership_sd_jwt' }), 400, 'invalid_request', /^scope: "membership_sd_jwt" is already the scope of membership_sd_jwt\.$/);

    expectAdminError(await call('GET', `/admin/v1/credential-configurations/${id}`), 404, 'not_found', `No credential configuration with id ${id}.`);
    expectAdminError(await call('PUT', `/admin/v1/credential-configurations/${id}`, membership(id)), 404, 'not_found', `No credential configuration with id ${id}.`);
    expectAdminError(await call('POST', `/admin/v1/credential-configurations/${id}/disable`), 404, 'not_found', `No credential configuration with id ${id}.`);

    expect((await call('POST', '/admin/v1/credential-configurations', membership(id))).status).toBe(201);
    expectAdminError(await call('POST', '/admin/v1/credential-configurations', membership(id)), 409, 'conflict', `A credential configuration with id ${id} exists already (api).`);
    expectAdminError(
      await call('POST', '/admin/v1/credential-configurations', membership('eu.europa.ec.eudi.pid_vc_sd_jwt')),
      409,
      'conflict',
      'A credential configuration with id eu.europa.ec.eudi.pid_vc_sd_jwt exists already (builtin).',
    );
    expectAdminError(await call('PUT', `/admin/v1/credential-configurations/${id}`, { ...membership(id), id: 'other' }), 400, 'invalid_request', `id: "other" is not the id in the path, ${id}.`);
  });

  it('needs an API key: read to list, admin to change', async () => {
    const id = unique();
    const missing = await call('GET', '/admin/v1/credential-configurations', undefined, null);
    expect({ status: missing.status, error: missing.body['error'] }).toEqual({ status: 401, error: 'unauthorized' });

    const keyWith = async (scope: string) => (await call('POST', '/admin/v1/api-keys', { name: `e2e configurations ${scope}`, scopes: [scope] })).body['key'] as string;
    const read = await keyWith('read');
    const write = await keyWith('write');
    expect((await call('GET', '/admin/v1/credential-configurations', undefined, read)).status).toBe(200);
    expect((await call('GET', '/admin/v1/credential-configurations/eu.europa.ec.eudi.pid_vc_sd_jwt', undefined, read)).status).toBe(200);
    expectAdminError(await call('POST', '/admin/v1/credential-configurations', membership(id), read), 403, 'insufficient_scope', /needs admin\.$/);
    expectAdminError(await call('POST', '/admin/v1/credential-configurations', membership(id), write), 403, 'insufficient_scope', /needs admin\.$/);
    expectAdminError(await call('PUT', '/admin/v1/credential-configurations/eu.europa.ec.eudi.pid_vc_sd_jwt', membership('eu.europa.ec.eudi.pid_vc_sd_jwt'), write), 403, 'insufficient_scope', /needs admin\.$/);
    expectAdminError(await call('POST', '/admin/v1/credential-configurations/eu.europa.ec.eudi.pid_vc_sd_jwt/disable', undefined, write), 403, 'insufficient_scope', /needs admin\.$/);
    expect((await call('GET', `/admin/v1/credential-configurations/${id}`)).status).toBe(404);
  });

  it('issues a created configuration, shows an update, and withdraws a disabled one from metadata and new issuances', async () => {
    const id = unique();
    const created = await call('POST', '/admin/v1/credential-configurations', membership(id));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id, source: 'api', disabled: false, revision: 1, configuration: { id, status_list: true, validity_seconds: 3600 } });

    const entry = await eventuallyAdvertised(id, (value) => value !== undefined);
    expect(entry).toMatchObject({
      format: 'dc+sd-jwt',
      vct: `urn:example:membership:${id}`,
      scope: id,
      credential_metadata: { display: [{ name: 'Club membership', locale: 'en' }], claims: [{ path: ['member_id'], mandatory: true, display: [{ name: 'Member number', locale: 'en' }] }, { path: ['name'], mandatory: true, display: [{ name: 'Name', locale: 'en' }] }] },
    });

    const first = await issue(id);
    expect(first.status).toBe(200);
    const sdJwt = (first.body['credentials'] as Array<{ credential: string }>)[0]!.credential;
    const verified = await verifySdJwtVc(sdJwt);
    expect(verified.payload).toMatchObject({ iss: baseUrl(), vct: `urn:example:membership:${id}`, member_id: 'M-42', name: 'Erika Mustermann' });
    expect(Number(verified.payload['exp']) - Number(verified.payload['iat'])).toBe(3600);
    expect(verified.payload['status']).toEqual({ status_list: { idx: expect.any(Number), uri: expect.stringContaining('/status-lists/') } });
    // sd "never": member_id in the clear; name only as a disclosure.
    const issuerJwtPayload = JSON.parse(Buffer.from(sdJwt.split('~')[0]!.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
    expect(issuerJwtPayload['member_id']).toBe('M-42');
    expect(issuerJwtPayload['name']).toBeUndefined();

    const withoutId = { ...membership(id), id: undefined };
    const updated = await call('PUT', `/admin/v1/credential-configurations/${id}`, { ...withoutId, display: [{ name: 'Gym membership', locale: 'en' }], status_list: false });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ revision: 2, configuration: { display: [{ name: 'Gym membership', locale: 'en' }], status_list: false } });
    expect(await eventuallyAdvertised(id, (value) => (value?.['credential_metadata'] as { display?: Array<{ name: string }> } | undefined)?.display?.[0]?.name === 'Gym membership')).toMatchObject({
      credential_metadata: { display: [{ name: 'Gym membership', locale: 'en' }] },
    });
    // The credential-service serves the metadata and signs: it has the update now.
    const second = await issue(id);
    expect(second.status).toBe(200);
    const secondPayload = (await verifySdJwtVc((second.body['credentials'] as Array<{ credential: string }>)[0]!.credential)).payload;
    expect(secondPayload['status']).toBeUndefined();

    const inFlight = await createIssuance({ credentialConfigurationId: id, claims: memberClaims });
    const wallet = new TestWallet();
    const token = await wallet.token({ grant_type: 'urn:ietf:params:oauth:grant-type:pre-authorized_code', 'pre-authorized_code': preAuthorizedCodeOf(inFlight) });
    expect(token.status).toBe(200);

    const disabled = await call('POST', `/admin/v1/credential-configurations/${id}/disable`);
    expect(disabled.status).toBe(200);
    expect(disabled.body).toMatchObject({ id, disabled: true, revision: 3 });
    expect(await eventuallyAdvertised(id, (value) => value === undefined)).toBeUndefined();
    const notIssued = await wallet.credential(token.body['access_token'] as string, { credential_configuration_id: id, proofs: { jwt: [wallet.proof(await wallet.nonce())] } });
    await expectProtocolError(notIssued, 400, 'unknown_credential_configuration', inFlight.session_id);
    const refused = await call('POST', '/admin/v1/issuances', { credentials: [{ credential_configuration_id: id, claims: memberClaims }] });
    expectAdminError(refused, 400, 'invalid_request', `credentials[0].credential_configuration_id ${id} is disabled: it is not issued.`);
    const listed = (await call('GET', '/admin/v1/credential-configurations')).body['credential_configurations'] as Array<Record<string, unknown>>;
    expect(listed.find((item) => item['id'] === id)).toMatchObject({ disabled: true, revision: 3 });
    expect((await call('POST', `/admin/v1/credential-configurations/${id}/disable`)).body).toMatchObject({ disabled: true, revision: 3 });

    const enabled = await call('POST', `/admin/v1/credential-configurations/${id}/enable`);
    expect(enabled.body).toMatchObject({ disabled: false, revision: 4 });
    expect(await eventuallyAdvertised(id, (value) => value !== undefined)).toBeDefined();
  });

  it('keeps a deferred issuance of a disabled configuration pending, and delivers it once enabled again', async () => {
    const id = unique();
    expect((await call('POST', '/admin/v1/credential-configurations', membership(id))).status).toBe(201);
    await eventuallyAdvertised(id, (value) => value !== undefined);
    const issuance = await createIssuance({ credentialConfigurationId: id, deferred: true });
    const wallet = new TestWallet();
    const token = await wallet.token({ grant_type: 'urn:ietf:params:oauth:grant-type:pre-authorized_code', 'pre-authorized_code': preAuthorizedCodeOf(issuance) });
    const accessToken = token.body['access_token'] as string;
    const deferred = await wallet.credential(accessToken, { credential_configuration_id: id, proofs: { jwt: [wallet.proof(await wallet.nonce())] } });
    expect(deferred.status).toBe(202);
    const poll = () => wallet.deferredCredential(accessToken, { transaction_id: deferred.body['transaction_id'] });
    const supply = () => call('POST', `/admin/v1/issuances/${issuance.id}/claims`, { credentials: [{ credential_configuration_id: id, claims: memberClaims }] });
    const setDisabled = async (disabled: boolean) => {
      expect((await call('POST', `/admin/v1/credential-configurations/${id}/${disabled ? 'disable' : 'enable'}`)).body).toMatchObject({ disabled });
      await eventuallyAdvertised(id, (value) => (value === undefined) === disabled);
    };

    await setDisabled(true);
    expectAdminError(await supply(), 400, 'invalid_request', `credentials[0].credential_configuration_id ${id} is disabled: it is not issued.`);
    await setDisabled(false);
    expect((await supply()).status).toBe(200);

    await setDisabled(true);
    const pending = await poll();
    expect({ status: pending.status, transaction_id: pending.body['transaction_id'] }).toEqual({ status: 202, transaction_id: deferred.body['transaction_id'] });
    await setDisabled(false);
    const delivered = await eventually(poll, (result) => result.status !== 202);
    expect(delivered.status).toBe(200);
    const credential = (delivered.body['credentials'] as Array<{ credential: string }>)[0]!.credential;
    expect((await verifySdJwtVc(credential)).payload).toMatchObject({ vct: `urn:example:membership:${id}`, member_id: 'M-42' });
  });

  it('overrides a built-in configuration: disabled and enabled again, it is stored as a change of the API', async () => {
    const builtin = 'eu.europa.ec.av.1';
    const before = await call('GET', `/admin/v1/credential-configurations/${builtin}`);
    expect(before.body).toMatchObject({ source: 'builtin', disabled: false });
    expect(await advertised(builtin)).toBeDefined();

    const disabled = await call('POST', `/admin/v1/credential-configurations/${builtin}/disable`);
    expect(disabled.body).toMatchObject({ source: 'api', disabled: true, revision: 1, configuration: before.body['configuration'] });
    expect(await eventuallyAdvertised(builtin, (value) => value === undefined)).toBeUndefined();

    const enabled = await call('POST', `/admin/v1/credential-configurations/${builtin}/enable`);
    expect(enabled.body).toMatchObject({ source: 'api', disabled: false, revision: 2 });
    expect(await eventuallyAdvertised(builtin, (value) => value !== undefined)).toMatchObject({ format: 'mso_mdoc', doctype: builtin });
  });

  it('takes a configuration without scope outside HAIP, and refuses an issuance of it under the HAIP profile', async () => {
    const id = unique();
    const unscoped = { ...membership(id), scope: undefined };
    const created = await call('POST', '/admin/v1/credential-configurations', unscoped);
    expect(created.status).toBe(201);
    // The platform is shared by every suite, and issuer-metadata.e2e.ts (O3) expects a scope for every advertised configuration.
    try {
      expect(await eventuallyAdvertised(id, (value) => value !== undefined)).not.toHaveProperty('scope');

      const haip = await call('POST', '/admin/v1/issuances', { credentials: [{ credential_configuration_id: id, claims: memberClaims }], compatibility_profile: 'haip' });
      expectAdminError(haip, 400, 'invalid_request', `credentials[0]: the issuance follows the HAIP profile, and credential configuration ${id} has no scope, which HAIP 1.0 Section 4.1 requires of every credential configuration.`);
      expect((await createIssuance({ credentialConfigurationId: id, claims: memberClaims, compatibilityProfile: 'strict-1.0' })).credential_offer.credential_configuration_ids).toEqual([id]);
    } finally {
      await call('POST', `/admin/v1/credential-configurations/${id}/disable`);
      await eventuallyAdvertised(id, (value) => value === undefined);
    }
  });
});

// A second credential-service process: the distributed mode only, an embedded platform being one process.
if (replicable()) {
  describe('credential configurations in a credential-service started later', () => {
    let replica: Replica;
    const id = unique();

    beforeAll(async () => {
      expect((await call('POST', '/admin/v1/credential-configurations', membership(id))).status).toBe(201);
      replica = await startReplica('credential-service', Number(new URL(baseUrl()).port) + 80);
    }, 60_000);

    afterAll(async () => {
      await replica?.stop();
    });

    it('knows what was created before it started, and each later change, as every replica does', async () => {
      expect(await eventually(() => advertised(id, replica.url), (value) => value !== undefined)).toMatchObject({ scope: id });
      expect((await call('POST', `/admin/v1/credential-configurations/${id}/disable`)).status).toBe(200);
      expect(await eventually(() => advertised(id, replica.url), (value) => value === undefined)).toBeUndefined();
      expect(await eventuallyAdvertised(id, (value) => value === undefined)).toBeUndefined();
    });
  });
}
