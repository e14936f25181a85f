import { createHash } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import type { TypeMetadataFormat, VcTFetcher } from '@sd-jwt/sd-jwt-vc';
import { verifySdJwtVc } from './interop/verify-sd-jwt-vc.js';
import { expectProtocolError } from './support/expect-error.js';
import { baseUrl, createIssuance, preAuthorizedCodeOf } from './support/issuer-api.js';
import { send, TestWallet } from './support/wallet.js';

const GRANT = 'urn:ietf:params:oauth:grant-type:pre-authorized_code';
// e2e/fixtures/credential-configurations.json: an operator's type with `"vct": "/vct/membership"`.
const MEMBERSHIP = 'membership_sd_jwt';
const membershipClaims = { member_id: 'M-0042', given_name: 'Erika', family_name: 'Mustermann', level: 'gold' };

async function issued(credentialConfigurationId: string, claims?: Record<string, unknown>): Promise<string> {
  const issuance = await createIssuance({ credentialConfigurationId, ...(claims && { claims }) });
  const wallet = new TestWallet();
  const token = await wallet.token({ grant_type: GRANT, 'pre-authorized_code': preAuthorizedCodeOf(issuance) });
  const result = await wallet.credential(token.body['access_token'] as string, { credential_configuration_id: credentialConfigurationId, proofs: { jwt: [wallet.proof(await wallet.nonce())] } });
  expect(result.status).toBe(200);
  return (result.body['credentials'] as Array<{ credential: string }>)[0]!.credential;
}

function issuerSignedPayload(credential: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(credential.split('~')[0]!.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
}

/** W3C SRI Section 3.3.5: the integrity metadata must match the SHA-256 of the bytes as received. */
function matchesIntegrity(bytes: Buffer, integrity: string): boolean {
  const [algorithm, expected] = integrity.split('-', 2) as [string, string];
  return algorithm === 'sha256' && createHash('sha256').update(bytes).digest('base64') === expected;
}

/**
 * A verifier's type metadata retrieval (SD-JWT VC Sections 6.3.1 and 7): refuses a document whose bytes
 * do not match `vct#integrity`. The SRI check is here because @sd-jwt/sd-jwt-vc 0.19.0's own compares
 * the hex digest, not SRI's base64, and so refuses every conformant value; the library still loads the
 * document through this fetcher and validates it.
 */
const fetchTypeMetadata: VcTFetcher = async (uri, integrity) => {
  const response = await fetch(uri);
  if (!response.ok) throw new Error(`GET ${uri} answered ${response.status}`);
  const bytes = Buffer.from(await response.arrayBuffer());
  if (integrity && !matchesIntegrity(bytes, integrity)) throw new Error(`type metadata at ${uri} does not match ${integrity}`);
  return JSON.parse(bytes.toString('utf8')) as TypeMetadataFormat;
};

describe('SD-JWT VC type metadata (SD-JWT VC Section 6)', () => {
  it("serves the issuer's own type at the URL its vct names, with the vct#integrity of the exact bytes served", async () => {
    const credential = await issued(MEMBERSHIP, membershipClaims);
    const payload = issuerSignedPayload(credential);
    expect(payload['vct']).toBe(`${baseUrl()}/vct/membership`);
    expect(payload['vct#integrity']).toMatch(/^sha256-[A-Za-z0-9+/]{43}=$/);

    const response = await fetch(payload['vct'] as string);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json(;|$)/);
    expect(response.headers.get('cache-control')).toMatch(/max-age=\d+/);
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(matchesIntegrity(bytes, payload['vct#integrity'] as string)).toBe(true);

    const document = JSON.parse(bytes.toString('utf8')) as TypeMetadataFormat;
    expect(document).toMatchObject({ vct: payload['vct'], name: 'Membership card', description: 'Membership of the example sports club' });
    expect(document.display?.map((display) => [display.locale, display.name])).toEqual([
      ['en', 'Membership card'],
      ['de', 'Mitgliedsausweis'],
    ]);
    expect(document.claims).toContainEqual({
      path: ['member_id'],
      display: [
        { locale: 'en', label: 'Member number', description: 'The number printed on the card' },
        { locale: 'de', label: 'Mitgliedsnummer' },
      ],
      mandatory: true,
      sd: 'never',
    });
    // SD-JWT VC Section 9.4: what the type says about disclosure is what the credential does.
    const inTheClear = (document.claims ?? []).filter((claim) => claim.sd === 'never').map((claim) => claim.path[0]);
    const disclosable = (document.claims ?? []).filter((claim) => claim.sd === 'always').map((claim) => claim.path[0]);
    expect(inTheClear).toEqual(['member_id']);
    for (const name of inTheClear) expect(payload).toHaveProperty([name as string]);
    for (const name of disclosable) expect(payload).not.toHaveProperty([name as string]);
  });

  it('passes an independent verifier that loads the type metadata and checks its integrity', async () => {
    const credential = await issued(MEMBERSHIP, membershipClaims);
    const requested: Array<[string, string | undefined]> = [];
    const verified = await verifySdJwtVc(credential, (uri, integrity) => {
      requested.push([uri, integrity]);
      return fetchTypeMetadata(uri, integrity);
    });
    expect(verified.payload).toMatchObject({ vct: `${baseUrl()}/vct/membership`, ...membershipClaims });
    expect(requested).toEqual([[verified.payload.vct, verified.payload['vct#integrity']]]);
    // SD-JWT VC Section 6.3: the vct of the document is the vct of the credential.
    expect(verified.typeMetadata?.mergedTypeMetadata.vct).toBe(verified.payload.vct);
    expect(verified.typeMetadata?.mergedTypeMetadata.claims?.map((claim) => claim.path)).toEqual([['member_id'], ['given_name'], ['family_name'], ['level']]);
  });

  it('keeps the type metadata out of the issuer metadata, which lists the type by its vct only (OID4VCI 1.0 Appendix A.3.2)', async () => {
    const metadata = (await send('/.well-known/openid-credential-issuer', { method: 'GET' })).body as { credential_configurations_supported: Record<string, Record<string, unknown>> };
    const entry = metadata.credential_configurations_supported[MEMBERSHIP]!;
    expect(entry['vct']).toBe(`${baseUrl()}/vct/membership`);
    expect(JSON.stringify(entry)).not.toContain('The number printed on the card');
    expect(JSON.stringify(entry)).not.toContain('"sd"');
  });

  it('adds no vct#integrity to a type it does not serve (a URN)', async () => {
    const payload = issuerSignedPayload(await issued('eu.europa.ec.eudi.pid_vc_sd_jwt'));
    expect(payload['vct']).toBe('urn:eudi:pid:1');
    expect(payload).not.toHaveProperty(['vct#integrity']);
  });

  it('answers an unknown type with a 404 JSON error and no stack', async () => {
    const result = await send('/vct/no-such-type', { method: 'GET' });
    await expectProtocolError(result, 404, 'not_found');
    expect(result.headers.get('content-type')).toContain('application/json');
    expect(result.body).not.toHaveProperty('stack');
    expect(JSON.stringify(result.body)).not.toMatch(/\.[jt]s:\d+|\\n\s+at /);
  });
});
