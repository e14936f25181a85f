import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { getListFromStatusListJWT } from '@sd-jwt/jwt-status-list';
import { decode } from 'cbor-x';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { verifySdJwtVc } from './interop/verify-sd-jwt-vc.js';
import { expectProtocolError } from './support/expect-error.js';
import { adminApiKey, baseUrl, createIssuance, preAuthorizedCodeOf } from './support/issuer-api.js';
import { replicable, startReplica, type Replica } from './support/replica.js';
import { send, TestWallet } from './support/wallet.js';

const GRANT = 'urn:ietf:params:oauth:grant-type:pre-authorized_code';
const PID = 'eu.europa.ec.eudi.pid_vc_sd_jwt';

/** A PID issued through the credential endpoint at `origin`: the platform's, or a replica's. */
async function issuedPid(origin = baseUrl()) {
  const issuance = await createIssuance();
  const wallet = new TestWallet();
  const token = await wallet.token({ grant_type: GRANT, 'pre-authorized_code': preAuthorizedCodeOf(issuance) });
  const accessToken = token.body['access_token'] as string;
  const result = await send(
    '/credential',
    {
      method: 'POST',
      headers: { authorization: `DPoP ${accessToken}`, dpop: wallet.dpop('POST', '/credential', { accessToken }), 'content-type': 'application/json' },
      body: JSON.stringify({ credential_configuration_id: PID, proofs: { jwt: [wallet.proof(await wallet.nonce())] } }),
    },
    origin,
  );
  expect(result.status).toBe(200);
  const credential = (result.body['credentials'] as Array<{ credential: string }>)[0]!.credential;
  const payload = JSON.parse(Buffer.from(credential.split('~')[0]!.split('.')[1]!, 'base64url').toString('utf8')) as { status: { status_list: { idx: number; uri: string } } };
  return { issuance, credential, statusList: payload.status.status_list };
}

/** What a verifier reads: the Status List Token at `uri`, its signature checked with the issuer's keys. */
async function servedStatus({ idx, uri }: { idx: number; uri: string }): Promise<number> {
  const response = await fetch(uri);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('application/statuslist+jwt');
  const token = await response.text();
  const { jwks } = (await (await fetch(`${baseUrl()}/.well-known/jwt-vc-issuer`)).json()) as { jwks: { keys: [] } };
  const { payload, protectedHeader } = await jwtVerify(token, createLocalJWKSet({ keys: jwks.keys }), { typ: 'statuslist+jwt' });
  // NEGATIVE-TESTS F5 (Token Status List Section 5.1, HAIP 1.0 Section 6.1).
  expect(payload.sub).toBe(uri);
  expect(payload.exp).toBeGreaterThan(Math.floor(Date.now() / 1000));
  expect(payload['ttl']).toEqual(expect.any(Number));
  expect(protectedHeader.x5c?.length).toBeGreaterThan(0);
  return getListFromStatusListJWT(token).getStatus(idx);
}

function changeStatus(id: string, change: 'revoke' | 'suspend' | 'reinstate') {
  return send(`/admin/v1/issuances/${id}/${change}`, { method: 'POST', headers: { authorization: `Bearer ${adminApiKey()}` } });
}

describe('Token Status List', () => {
  it('puts each SD-JWT VC in a status list served at its uri, VALID until the operator revokes it', async () => {
    const { issuance, credential, statusList } = await issuedPid();
    expect(statusList.uri).toMatch(new RegExp(`^${baseUrl()}/status-lists/`));
    expect(await servedStatus(statusList)).toBe(0);
    await expect(verifySdJwtVc(credential)).resolves.toBeDefined();

    const revoked = await changeStatus(issuance.id, 'revoke');
    expect(revoked.status).toBe(200);
    expect(revoked.body).toEqual({ id: issuance.id, credential_status: 'revoked', changed: true });

    expect(await servedStatus(statusList)).toBe(1);
    // An independent verifier fetches the list itself and refuses the revoked credential.
    await expect(verifySdJwtVc(credential)).rejects.toThrow(/status/i);
    const record = await send(`/admin/v1/issuances/${issuance.id}`, { method: 'GET', headers: { authorization: `Bearer ${adminApiKey()}` } });
    expect(record.body['credential_status']).toBe('revoked');
  });

  it('suspends and reinstates', async () => {
    const { issuance, statusList } = await issuedPid();
    expect((await changeStatus(issuance.id, 'suspend')).body['credential_status']).toBe('suspended');
    expect(await servedStatus(statusList)).toBe(2);
    expect((await changeStatus(issuance.id, 'reinstate')).body['credential_status']).toBe('operational');
    expect(await servedStatus(statusList)).toBe(0);
    expect((await changeStatus(issuance.id, 'reinstate')).body['changed']).toBe(false);
  });

  it('refuses to reinstate a revoked credential, and to change the status before anything was issued, with 409', async () => {
    const { issuance } = await issuedPid();
    await changeStatus(issuance.id, 'revoke');
    await expectProtocolError(await changeStatus(issuance.id, 'reinstate'), 409, 'conflict', issuance.session_id);

    const pending = await createIssuance();
    await expectProtocolError(await changeStatus(pending.id, 'suspend'), 409, 'conflict', pending.session_id);
    await expectProtocolError(await changeStatus('no-such-issuance', 'revoke'), 404, 'not_found');
  });

  it('puts each mdoc in a status list through its MSO, and revokes it there', async () => {
    const claims = {
      'eu.europa.ec.av.1': { age_over_18: true },
    };
    const issuance = await createIssuance({ credentialConfigurationId: 'eu.europa.ec.av.1', claims });
    const wallet = new TestWallet();
    const token = await wallet.token({ grant_type: GRANT, 'pre-authorized_code': preAuthorizedCodeOf(issuance) });
    const result = await wallet.credential(token.body['access_token'] as string, { credential_configuration_id: 'eu.europa.ec.av.1', proofs: { jwt: [wallet.proof(await wallet.nonce())] } });
    expect(result.status).toBe(200);
    // IssuerSigned.issuerAuth is COSE_Sign1; its payload is tag 24 around the MSO (ISO/IEC 18013-5 Section 9.1.2.4).
    const issuerSigned = decode(Buffer.from((result.body['credentials'] as Array<{ credential: string }>)[0]!.credential, 'base64url')) as { issuerAuth: [unknown, unknown, Uint8Array] };
    const mso = decode((decode(issuerSigned.issuerAuth[2]) as { value: Uint8Array }).value) as { status: { status_list: { idx: number; uri: string } } };
    const statusList = mso.status.status_list;

    expect(await servedStatus(statusList)).toBe(0);
    expect((await changeStatus(issuance.id, 'revoke')).status).toBe(200);
    expect(await servedStatus(statusList)).toBe(1);
  });

  it('F5: credentials issued at the same time never share a status index', async () => {
    const issued = await Promise.all(Array.from({ length: 8 }, () => issuedPid()));
    const entries = new Set(issued.map(({ statusList }) => `${statusList.uri}#${statusList.idx}`));
    expect(entries.size).toBe(issued.length);
  });

  it('answers an unknown status list with 404', async () => {
    const result = await send('/status-lists/unknown', { method: 'GET' });
    expect(result.status).toBe(404);
  });
});

// Replicas share one database; an embedded platform is one process, so this runs in the distributed mode only.
if (replicable()) {
  describe('Token Status List across replicas of the credential-service', () => {
    let replica: Replica;

    beforeAll(async () => {
      replica = await startReplica('credential-service', Number(new URL(baseUrl()).port) + 75);
    }, 60_000);

    afterAll(async () => {
      await replica?.stop();
    });

    it('F5: credentials issued at the same time by two replicas never share a status index', async () => {
      const issued = await Promise.all(Array.from({ length: 12 }, (_, index) => issuedPid(index % 2 === 0 ? baseUrl() : replica.url)));
      const entries = new Set(issued.map(({ statusList }) => `${statusList.uri}#${statusList.idx}`));
      expect(entries.size).toBe(issued.length);
    });
  });
}
