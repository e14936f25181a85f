import { beforeAll, describe, expect, it } from '@jest/globals';
import type { RequestDpopOptions } from '@openid4vc/oauth2';
import { Openid4vciClient, Openid4vciVersion, setGlobalConfig } from '@openid4vc/openid4vci';
import { createIssuance, eventually, getIssuance } from '../support/issuer-api.js';
import { expectIssuedPid } from './verify-sd-jwt-vc.js';
import { jwkSigner, walletCallbacks } from './oid4vc-ts-wallet.js';
import { generateWalletKey } from './wallet-key.js';

const PID = 'eu.europa.ec.eudi.pid_vc_sd_jwt';

describe('oid4vc-ts wallet (@openid4vc/openid4vci 0.4.6)', () => {
  beforeAll(() => {
    // The platform under test listens on http://127.0.0.1; the library refuses http URLs unless told otherwise.
    setGlobalConfig({ allowInsecureUrls: true });
  });

  it('reads the issuer metadata as OID4VCI 1.0 with the PID configuration', async () => {
    const client = new Openid4vciClient({ callbacks: walletCallbacks([]) });
    const issuance = await createIssuance();
    const offer = await client.resolveCredentialOffer(issuance.offer_url);
    const metadata = await client.resolveIssuerMetadata(offer.credential_issuer);

    expect(offer.credential_configuration_ids).toEqual([PID]);
    expect(metadata.originalDraftVersion).toBe(Openid4vciVersion.V1);
    expect(metadata.credentialIssuer.credential_configurations_supported[PID]).toMatchObject({ format: 'dc+sd-jwt', vct: 'urn:eudi:pid:1' });
    expect(metadata.authorizationServers[0]).toMatchObject({ 'pre-authorized_grant_anonymous_access_supported': true });
  });

  it.each([
    { txCode: false, dpop: false },
    { txCode: true, dpop: false },
    { txCode: false, dpop: true },
    { txCode: true, dpop: true },
  ])('receives a PID through the pre-authorized code flow (tx_code: $txCode, DPoP: $dpop)', async ({ txCode, dpop }) => {
    const proofKey = generateWalletKey();
    const dpopKey = generateWalletKey();
    const client = new Openid4vciClient({ callbacks: walletCallbacks([proofKey, dpopKey]) });
    const issuance = await createIssuance({ txCode });
    expect(issuance.tx_code !== null).toBe(txCode);

    const credentialOffer = await client.resolveCredentialOffer(issuance.offer_url);
    const issuerMetadata = await client.resolveIssuerMetadata(credentialOffer.credential_issuer);
    const token = await client.retrievePreAuthorizedCodeAccessTokenFromOffer({
      credentialOffer,
      issuerMetadata,
      ...(issuance.tx_code !== null && { txCode: issuance.tx_code }),
      ...(dpop && { dpop: { signer: jwkSigner(dpopKey) } }),
    });
    expect(token.accessTokenResponse.token_type).toBe(dpop ? 'DPoP' : 'Bearer');

    const { c_nonce } = await client.requestNonce({ issuerMetadata });
    const proof = await client.createCredentialRequestJwtProof({
      issuerMetadata,
      credentialConfigurationId: PID,
      signer: jwkSigner(proofKey),
      nonce: c_nonce,
    });
    const credentialDpop: RequestDpopOptions | undefined = token.dpop;
    const issued = await client.retrieveCredentials({
      issuerMetadata,
      accessToken: token.accessTokenResponse.access_token,
      credentialConfigurationId: PID,
      proofs: { jwt: [proof.jwt] },
      ...(credentialDpop && { dpop: credentialDpop }),
    });

    const credentials = issued.credentialResponse.credentials ?? [];
    expect(credentials).toMatchObject([{ credential: expect.any(String) }]);
    await expectIssuedPid((credentials[0] as { credential: string }).credential, proofKey);

    const notificationId = issued.credentialResponse.notification_id;
    expect(typeof notificationId).toBe('string');
    const notified = await client.sendNotification({
      issuerMetadata,
      accessToken: token.accessTokenResponse.access_token,
      notification: { notificationId: notificationId!, event: 'credential_accepted' },
      ...(credentialDpop && { dpop: { ...credentialDpop, nonce: issued.dpop?.nonce ?? credentialDpop.nonce } }),
    });
    expect(notified.response.status).toBe(204);

    const record = await eventually(() => getIssuance(issuance.id), (value) => value.status === 'credential_accepted');
    expect(record.status).toBe('credential_accepted');
  });
});
