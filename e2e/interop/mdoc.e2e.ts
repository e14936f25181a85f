import { describe, expect, it } from '@jest/globals';
import { mdlElements as testMdlElements } from '@issuer/testing';
import { createIssuance, preAuthorizedCodeOf } from '../support/issuer-api.js';
import { TestWallet } from '../support/wallet.js';
import { deviceKeyOf, verifyMdoc } from './verify-mdoc.js';

const GRANT = 'urn:ietf:params:oauth:grant-type:pre-authorized_code';

// The development IACA is of the user-assigned country XX; an mDL's issuing_country must match it.
const mdlElements = testMdlElements('XX');

const pidElements = {
  family_name: 'Mustermann',
  given_name: 'Erika',
  birth_date: '1964-08-12',
  place_of_birth: { locality: 'Berlin' },
  nationality: ['DE'],
  expiry_date: '2036-01-01',
  issuing_authority: 'DE',
  issuing_country: 'DE',
};

/** A wallet obtains the mdoc over HTTP; @animo-id/mdoc checks it against the issuer's published IACA. */
async function issueAndVerify(credentialConfigurationId: string, docType: string, namespace: string, elements: Record<string, unknown>) {
  const issuance = await createIssuance({ credentialConfigurationId, claims: { [namespace]: elements } });
  const wallet = new TestWallet();
  const token = await wallet.token({ grant_type: GRANT, 'pre-authorized_code': preAuthorizedCodeOf(issuance) });
  expect(token.status).toBe(200);
  const accessToken = token.body['access_token'] as string;
  const result = await wallet.credential(accessToken, { credential_configuration_id: credentialConfigurationId, proofs: { jwt: [wallet.proof(await wallet.nonce())] } });
  expect(result.status).toBe(200);
  const [issued] = result.body['credentials'] as Array<{ credential: string }>;

  const { document, checks } = await verifyMdoc(issued!.credential, docType);
  return { document, checks, wallet };
}

describe('mso_mdoc issuance verified by @animo-id/mdoc', () => {
  it('issues an mDL whose issuer signature chains to the published IACA, every digest matching, bound to the proof key', async () => {
    const { document, checks, wallet } = await issueAndVerify('org.iso.18013.5.1.mDL', 'org.iso.18013.5.1.mDL', 'org.iso.18013.5.1', mdlElements);

    expect(checks.filter((check) => check.status === 'FAILED')).toEqual([]);
    expect(checks.map((check) => check.check)).toEqual(expect.arrayContaining(['Issuer certificate must be valid', 'Issuer signature must be valid']));
    expect(checks.filter((check) => check.check.startsWith('The calculated digest for'))).toHaveLength(Object.keys(mdlElements).length);
    expect(document.getIssuerNameSpace('org.iso.18013.5.1')?.get('document_number')).toBe('B072RRE2I55');
    expect(deviceKeyOf(document)).toEqual({ x: wallet.key.publicJwk.x, y: wallet.key.publicJwk.y });
  });

  it('issues the age verification attestation as an mdoc', async () => {
    const { document, checks, wallet } = await issueAndVerify('eu.europa.ec.av.1', 'eu.europa.ec.av.1', 'eu.europa.ec.av.1', { age_over_18: true, age_over_21: false });
    expect(checks.filter((check) => check.status === 'FAILED')).toEqual([]);
    expect(checks.filter((check) => check.check.startsWith('The calculated digest for'))).toHaveLength(2);
    expect(document.getIssuerNameSpace('eu.europa.ec.av.1')?.get('age_over_18')).toBe(true);
    expect(deviceKeyOf(document)).toEqual({ x: wallet.key.publicJwk.x, y: wallet.key.publicJwk.y });
  });

  it('issues the PID as an mdoc', async () => {
    const { document, checks } = await issueAndVerify('eu.europa.ec.eudi.pid_mso_mdoc', 'eu.europa.ec.eudi.pid.1', 'eu.europa.ec.eudi.pid.1', pidElements);
    expect(checks.filter((check) => check.status === 'FAILED')).toEqual([]);
    expect(document.getIssuerNameSpace('eu.europa.ec.eudi.pid.1')?.get('family_name')).toBe('Mustermann');
  });
});
