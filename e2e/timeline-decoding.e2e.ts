import { describe, expect, it } from '@jest/globals';
import { baseUrl, createIssuance, preAuthorizedCodeOf, timelineWith, type SessionTimeline } from './support/issuer-api.js';
import { TestWallet } from './support/wallet.js';

const GRANT = 'urn:ietf:params:oauth:grant-type:pre-authorized_code';

type Entry = SessionTimeline['entries'][number];
interface Check {
  check: string;
  verdict: string;
  detail: string;
  spec_ref: string;
}

/** A complete pre-authorized issuance by the test wallet; the session's timeline once the credential entry is in. */
async function issued(credentialConfigurationId: string, claims?: Record<string, unknown>) {
  const issuance = await createIssuance({ credentialConfigurationId, ...(claims && { claims }) });
  const wallet = new TestWallet();
  const token = await wallet.token({ grant_type: GRANT, 'pre-authorized_code': preAuthorizedCodeOf(issuance) });
  expect(token.status).toBe(200);
  const credential = await wallet.credential(token.body['access_token'] as string, { credential_configuration_id: credentialConfigurationId, proofs: { jwt: [wallet.proof(await wallet.nonce())] } });
  expect(credential.status).toBe(200);
  const timeline = await timelineWith(issuance.session_id, (entry) => entry.message === 'Credential issued');
  return { wallet, timeline, entry: (message: string, endpoint?: string) => timeline.entries.find((candidate: Entry) => candidate.message === message && (endpoint === undefined || candidate.endpoint === endpoint)) };
}

describe('what the timeline decodes and checks', () => {
  it('shows the issued SD-JWT with each disclosure, the access token claims, and a verdict per proof check', async () => {
    const { wallet, entry } = await issued('eu.europa.ec.eudi.pid_vc_sd_jwt');

    const credentialIssued = entry('Credential issued')?.data as { credentials: Array<{ format: string; issuer_signed_jwt: { payload: Record<string, unknown> }; disclosures: Array<{ path: string; name?: string; value: unknown }> }> };
    const [sdJwt] = credentialIssued.credentials;
    expect(sdJwt?.format).toBe('sd-jwt');
    expect(sdJwt?.issuer_signed_jwt.payload).toMatchObject({ iss: baseUrl(), vct: expect.any(String), cnf: { jwk: { kty: 'EC', x: wallet.key.publicJwk.x } } });
    expect(sdJwt?.disclosures).toEqual(expect.arrayContaining([
      expect.objectContaining({ path: '$.family_name', name: 'family_name', value: 'Mustermann' }),
      expect.objectContaining({ path: '$.address.street_address', value: 'Heidestraße 17' }),
    ]));

    const accessToken = entry('Access token issued')?.data as { decoded_access_token: { header: Record<string, unknown>; payload: Record<string, unknown>; signature: string } };
    expect(accessToken.decoded_access_token.header).toMatchObject({ typ: 'at+jwt' });
    expect(accessToken.decoded_access_token.payload).toMatchObject({ iss: baseUrl(), cnf: { jkt: expect.any(String) } });
    expect(accessToken.decoded_access_token.signature).toMatch(/^<present, len=\d+>$/);

    const dpopAtCredential = entry('DPoP proof validated', '/credential')?.data as { checks: Check[] };
    const htu = dpopAtCredential.checks.find((check) => check.check === 'htu');
    expect(htu).toEqual({ check: 'htu', verdict: 'pass', detail: `expected ${baseUrl()}/credential, got "${baseUrl()}/credential"`, spec_ref: 'RFC 9449 Section 4.3' });
    expect(dpopAtCredential.checks.map((check) => check.check)).toEqual(expect.arrayContaining(['typ', 'signature', 'htm', 'htu', 'iat', 'ath', 'cnf.jkt', 'jti']));
    expect((entry('DPoP proof validated', '/token')?.data as { checks: Check[] }).checks.map((check) => check.check)).toEqual(expect.arrayContaining(['typ', 'signature', 'htm', 'htu', 'iat']));

    const keyProofs = entry('Key proofs validated')?.data as { checks: Check[][] };
    expect(keyProofs.checks[0]?.map((check) => check.check)).toEqual(['typ', 'alg', 'signature', 'aud', 'iss', 'iat', 'nonce']);
    expect(keyProofs.checks[0]?.find((check) => check.check === 'aud')?.detail).toBe(`expected ${baseUrl()}, got "${baseUrl()}"`);
  });

  it('shows an issued mdoc by namespace and data element, with its MSO', async () => {
    const { entry } = await issued('eu.europa.ec.av.1', { 'eu.europa.ec.av.1': { age_over_18: true, age_over_21: false } });
    const [mdoc] = (entry('Credential issued')?.data as { credentials: Array<Record<string, unknown>> }).credentials;
    expect(mdoc).toMatchObject({
      format: 'mdoc',
      nameSpaces: { 'eu.europa.ec.av.1': expect.arrayContaining([expect.objectContaining({ elementIdentifier: 'age_over_18', elementValue: true }), expect.objectContaining({ elementIdentifier: 'age_over_21', elementValue: false })]) },
      issuerAuth: { protected: { alg: 'ES256' }, mso: { docType: 'eu.europa.ec.av.1', digestAlgorithm: 'SHA-256', status: { status_list: { uri: expect.stringContaining('/status-lists/') } } } },
    });
  });
});
