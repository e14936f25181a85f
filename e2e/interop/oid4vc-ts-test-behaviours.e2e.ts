import { beforeAll, describe, expect, it } from '@jest/globals';
import { Openid4vciClient, Openid4vciRetrieveCredentialsError, setGlobalConfig, type IssuerMetadataResult } from '@openid4vc/openid4vci';
import { createIssuance, timelineWith } from '../support/issuer-api.js';
import { expectIssuedPid } from './verify-sd-jwt-vc.js';
import { jwkSigner, walletCallbacks } from './oid4vc-ts-wallet.js';
import { generateWalletKey, type WalletKey } from './wallet-key.js';

const PID = 'eu.europa.ec.eudi.pid_vc_sd_jwt';

/** A credential request as a wallet on oid4vc-ts sends it: a fresh c_nonce, one key proof. */
async function requestPid(client: Openid4vciClient, issuerMetadata: IssuerMetadataResult, proofKey: WalletKey, token: Awaited<ReturnType<Openid4vciClient['retrievePreAuthorizedCodeAccessTokenFromOffer']>>) {
  const { c_nonce } = await client.requestNonce({ issuerMetadata });
  const proof = await client.createCredentialRequestJwtProof({ issuerMetadata, credentialConfigurationId: PID, signer: jwkSigner(proofKey), nonce: c_nonce });
  return client.retrieveCredentials({
    issuerMetadata,
    accessToken: token.accessTokenResponse.access_token,
    credentialConfigurationId: PID,
    proofs: { jwt: [proof.jwt] },
    ...(token.dpop && { dpop: token.dpop }),
  });
}

describe('oid4vc-ts wallet (@openid4vc/openid4vci 0.4.6) against test behaviours', () => {
  beforeAll(() => {
    setGlobalConfig({ allowInsecureUrls: true });
  });

  it('use_dpop_nonce and reject_first_proof: the library retries the token request with the DPoP nonce by itself, and gets the PID after invalid_nonce with a fresh c_nonce', async () => {
    const proofKey = generateWalletKey();
    const dpopKey = generateWalletKey();
    const client = new Openid4vciClient({ callbacks: walletCallbacks([proofKey, dpopKey]) });
    const issuance = await createIssuance({ testBehaviours: { use_dpop_nonce: true, reject_first_proof: true } });

    const credentialOffer = await client.resolveCredentialOffer(issuance.offer_url);
    const issuerMetadata = await client.resolveIssuerMetadata(credentialOffer.credential_issuer);
    const token = await client.retrievePreAuthorizedCodeAccessTokenFromOffer({ credentialOffer, issuerMetadata, dpop: { signer: jwkSigner(dpopKey) } });
    expect(token.accessTokenResponse.token_type).toBe('DPoP');
    await timelineWith(issuance.session_id, (entry) => entry.message === 'Test behaviour applied: use_dpop_nonce');

    const rejected = await requestPid(client, issuerMetadata, proofKey, token).catch((error: unknown) => error);
    expect(rejected).toBeInstanceOf(Openid4vciRetrieveCredentialsError);
    expect((rejected as Openid4vciRetrieveCredentialsError).response.credentialErrorResponseResult?.data).toMatchObject({ error: 'invalid_nonce' });

    const issued = await requestPid(client, issuerMetadata, proofKey, token);
    const credentials = issued.credentialResponse.credentials ?? [];
    expect(credentials).toHaveLength(1);
    await expectIssuedPid((credentials[0] as { credential: string }).credential, proofKey);
    await timelineWith(issuance.session_id, (entry) => entry.message === 'Test behaviour applied: reject_first_proof');
  });
});
