import { beforeAll, describe, expect, it } from '@jest/globals';
import { Openid4vciClient, setGlobalConfig } from '@openid4vc/openid4vci';
import { calculateJwkThumbprint, type JWK } from 'jose';
import { createIssuance } from '../support/issuer-api.js';
import { jwkSigner, walletCallbacks } from './oid4vc-ts-wallet.js';
import { deviceKeyOf, verifyMdoc } from './verify-mdoc.js';
import { EBSI_TYPES, verifyJwtVcJson } from './verify-jwt-vc-json.js';
import { generateWalletKey } from './wallet-key.js';

/** An oid4vc-ts wallet takes a pre-authorized offer to the end: token with DPoP, nonce, key proof, credential. */
async function obtain(credentialConfigurationId: string, claims: Record<string, unknown>) {
  const proofKey = generateWalletKey();
  const dpopKey = generateWalletKey();
  const client = new Openid4vciClient({ callbacks: walletCallbacks([proofKey, dpopKey]) });
  const issuance = await createIssuance({ credentialConfigurationId, claims });
  const credentialOffer = await client.resolveCredentialOffer(issuance.offer_url);
  const issuerMetadata = await client.resolveIssuerMetadata(credentialOffer.credential_issuer);
  const token = await client.retrievePreAuthorizedCodeAccessTokenFromOffer({ credentialOffer, issuerMetadata, dpop: { signer: jwkSigner(dpopKey) } });
  const { c_nonce } = await client.requestNonce({ issuerMetadata });
  const proof = await client.createCredentialRequestJwtProof({ issuerMetadata, credentialConfigurationId, signer: jwkSigner(proofKey), nonce: c_nonce });
  const issued = await client.retrieveCredentials({
    issuerMetadata,
    accessToken: token.accessTokenResponse.access_token,
    credentialConfigurationId,
    proofs: { jwt: [proof.jwt] },
    ...(token.dpop && { dpop: token.dpop }),
  });
  const [first] = issued.credentialResponse.credentials ?? [];
  return { credential: (first as { credential: string }).credential, proofKey };
}

describe('oid4vc-ts wallet obtains every format (@openid4vc/openid4vci 0.4.6)', () => {
  beforeAll(() => {
    setGlobalConfig({ allowInsecureUrls: true });
  });

  it('mso_mdoc: a PID mdoc that @animo-id/mdoc verifies against the published IACA, bound to the proof key', async () => {
    const elements = {
      family_name: 'Mustermann',
      given_name: 'Erika',
      birth_date: '1984-01-26',
      place_of_birth: { locality: 'Berlin' },
      nationality: ['DE'],
      expiry_date: '2036-01-01',
      issuing_authority: 'DE',
      issuing_country: 'DE',
    };
    const { credential, proofKey } = await obtain('eu.europa.ec.eudi.pid_mso_mdoc', { 'eu.europa.ec.eudi.pid.1': elements });
    const { document, checks } = await verifyMdoc(credential, 'eu.europa.ec.eudi.pid.1');
    expect(checks.filter((check) => check.status === 'FAILED')).toEqual([]);
    expect(checks.some((check) => check.check === 'Issuer signature must be valid' && check.status === 'PASSED')).toBe(true);
    expect(document.getIssuerNameSpace('eu.europa.ec.eudi.pid.1')?.get('family_name')).toBe('Mustermann');
    expect(deviceKeyOf(document)).toEqual({ x: proofKey.publicJwk.x, y: proofKey.publicJwk.y });
  });

  it('jwt_vc_json: a W3C VC that jose verifies with the issuer keys, bound to the proof key', async () => {
    const claims = { given_name: 'Erika', family_name: 'Mustermann' };
    const { credential, proofKey } = await obtain('CTWalletSameInTime', claims);
    const { payload } = await verifyJwtVcJson(credential);
    expect(payload['vc']).toMatchObject({ type: EBSI_TYPES, credentialSubject: claims });
    expect(await calculateJwkThumbprint((payload['cnf'] as { jwk: JWK }).jwk)).toBe(await proofKey.thumbprint());
  });
});
