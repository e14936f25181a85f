import { describe, expect, it } from '@jest/globals';
import { createDPoP, getCreateDPoPOptions, type CreateDPoPClientOpts } from '@sphereon/oid4vc-common';
import { CredentialRequestClientBuilderV1_0_15, OpenID4VCIClientV1_0_15, ProofOfPossessionBuilder, type CredentialRequestClient } from '@sphereon/oid4vci-client';
import type { CredentialRequestV1_0_15, ProofOfPossessionCallbacks } from '@sphereon/oid4vci-common';
import { createIssuance, eventually, getIssuance, timelineWith, type CreatedIssuance } from '../support/issuer-api.js';
import { expectIssuedPid } from './verify-sd-jwt-vc.js';
import { generateWalletKey, type WalletKey } from './wallet-key.js';

const PID = 'eu.europa.ec.eudi.pid_vc_sd_jwt';

function proofCallbacks(key: WalletKey): ProofOfPossessionCallbacks {
  return { signCallback: (jwt) => key.sign({ ...jwt.header }, { ...jwt.payload }) };
}

function dpopOptions(key: WalletKey): CreateDPoPClientOpts {
  return {
    jwtIssuer: { alg: 'ES256', jwk: key.publicJwk },
    jwtPayloadProps: {},
    dPoPSigningAlgValuesSupported: ['ES256'],
    createJwtCallback: (_issuer, jwt) => key.sign({ ...jwt.header }, { ...jwt.payload }),
  };
}

async function openOffer(issuance: CreatedIssuance): Promise<OpenID4VCIClientV1_0_15> {
  const client = await OpenID4VCIClientV1_0_15.fromURI({ uri: issuance.offer_url, retrieveServerMetadata: true, createAuthorizationRequestURL: false });
  expect(client.getCredentialOfferConfigurationIds()).toEqual([PID]);
  return client;
}

function credentialRequestClient(client: OpenID4VCIClientV1_0_15): CredentialRequestClient {
  return CredentialRequestClientBuilderV1_0_15.fromCredentialOffer({ credentialOffer: client.credentialOffer!, metadata: client.endpointMetadata })
    .withCredentialConfigurationId(PID)
    .withTokenFromResponse(client.accessTokenResponse)
    .build();
}

async function keyProof(client: OpenID4VCIClientV1_0_15, key: WalletKey) {
  const nonce = await client.acquireNonce();
  return ProofOfPossessionBuilder.fromAccessTokenResponse({ accessTokenResponse: client.accessTokenResponse, callbacks: proofCallbacks(key), version: client.version() })
    .withIssuer(client.getIssuer())
    .withAlg('ES256')
    .withJWK(key.publicJwk)
    .withAccessTokenNonce(nonce)
    .build();
}

/**
 * The library's own acquireCredentials() sends the singular `proof` object of draft 15, which OID4VCI 1.0 no longer
 * defines (Section 8.2 has only `proofs`). The lenient profile translates it (tested below); these flows hold the
 * library to 1.0: its request client does the HTTP exchange, Bearer or DPoP, with the body written in the 1.0 shape.
 */
async function requestPid(client: OpenID4VCIClientV1_0_15, key: WalletKey, dpop?: CreateDPoPClientOpts) {
  const proof = await keyProof(client, key);
  const body = { credential_configuration_id: PID, proofs: { jwt: [proof.jwt] } } as unknown as CredentialRequestV1_0_15;
  const response = await credentialRequestClient(client).acquireCredentialsUsingRequest(body, 'dc+sd-jwt', dpop);
  expect(response.errorBody).toBeUndefined();
  expect(response.origResponse.status).toBe(200);
  const payload = response.successBody as { credentials?: Array<{ credential: unknown }>; notification_id?: string };
  expect(payload.credentials).toHaveLength(1);
  expect(typeof payload.credentials?.[0]?.credential).toBe('string');
  expect(typeof payload.notification_id).toBe('string');
  return { credential: payload.credentials![0]!.credential as string, notificationId: payload.notification_id!, dpopNonce: response.params?.dpop?.dpopNonce };
}

/** The library's own notification call (Bearer tokens only), then the issuance record follows. */
async function notifyAccepted(client: Awaited<ReturnType<typeof openOffer>>, notificationId: string, issuance: CreatedIssuance): Promise<void> {
  const notified = await client.sendNotification(
    { notificationEndpoint: client.endpointMetadata.credentialIssuerMetadata!.notification_endpoint },
    { notification_id: notificationId, event: 'credential_accepted' },
  );
  expect(notified.error).toBe(false);
  await expectAccepted(issuance);
}

async function expectAccepted(issuance: CreatedIssuance): Promise<void> {
  const record = await eventually(() => getIssuance(issuance.id), (value) => value.status === 'credential_accepted');
  expect(record.status).toBe('credential_accepted');
}

describe('Sphereon wallet (@sphereon/oid4vci-client 0.20.1)', () => {
  it('receives a PID through the pre-authorized code flow without tx_code', async () => {
    const key = generateWalletKey();
    const issuance = await createIssuance();
    const client = await openOffer(issuance);

    const token = await client.acquireAccessToken();
    expect(token.token_type).toBe('Bearer');
    const { credential, notificationId } = await requestPid(client, key);
    await expectIssuedPid(credential, key);

    await notifyAccepted(client, notificationId, issuance);
  });

  it('receives a PID through the pre-authorized code flow with tx_code', async () => {
    const key = generateWalletKey();
    const issuance = await createIssuance({ txCode: true });
    expect(issuance.tx_code).toMatch(/^\d{6}$/);
    const client = await openOffer(issuance);
    expect(client.credentialOffer?.userPinRequired).toBe(true);

    const token = await client.acquireAccessToken({ pin: issuance.tx_code! });
    expect(token.token_type).toBe('Bearer');
    const { credential, notificationId } = await requestPid(client, key);
    await expectIssuedPid(credential, key);

    await notifyAccepted(client, notificationId, issuance);
  });

  it('receives a DPoP-bound PID with tx_code', async () => {
    const key = generateWalletKey();
    const dpopKey = generateWalletKey();
    const issuance = await createIssuance({ txCode: true });
    const client = await openOffer(issuance);
    expect(client.endpointMetadata.authorizationServerMetadata?.dpop_signing_alg_values_supported).toContain('ES256');

    const token = await client.acquireAccessToken({ pin: issuance.tx_code!, createDPoPOpts: dpopOptions(dpopKey) });
    expect(token.token_type).toBe('DPoP');
    const { credential, notificationId, dpopNonce } = await requestPid(client, key, dpopOptions(dpopKey));
    await expectIssuedPid(credential, key);

    // The library's sendNotification() only sends Bearer tokens; the DPoP proof comes from its own createDPoP().
    const notificationEndpoint = client.endpointMetadata.credentialIssuerMetadata!.notification_endpoint!;
    const dpopProof = await createDPoP(
      getCreateDPoPOptions({ ...dpopOptions(dpopKey), jwtPayloadProps: dpopNonce ? { nonce: dpopNonce } : {} }, notificationEndpoint, { accessToken: token.access_token }),
    );
    const notified = await fetch(notificationEndpoint, {
      method: 'POST',
      headers: { authorization: `DPoP ${token.access_token}`, dpop: dpopProof, 'content-type': 'application/json' },
      body: JSON.stringify({ notification_id: notificationId, event: 'credential_accepted' }),
    });
    expect(notified.status).toBe(204);
    await expectAccepted(issuance);
    // This library copies the access token into its DPoP proofs (as `accessToken`): the timeline warns, and shows the token by its length only.
    const timeline = await timelineWith(issuance.session_id, (entry) => entry.message === 'The DPoP proof carries a secret' && entry.endpoint === '/notification');
    const warning = timeline.entries.find((entry) => entry.message === 'The DPoP proof carries a secret');
    expect(warning?.data).toMatchObject({ claims: ['accessToken'], spec_ref: 'RFC 9449 Section 4.2' });
    expect(JSON.stringify(timeline)).not.toContain(token.access_token.split('.')[1]);
  });

  it("gets a PID with the library's own credential request (draft 15 `proof`), which the lenient profile translates", async () => {
    const key = generateWalletKey();
    const issuance = await createIssuance();
    const client = await openOffer(issuance);
    await client.acquireAccessToken();

    const response = await credentialRequestClient(client).acquireCredentialsUsingProof({ proofInput: await keyProof(client, key), format: 'dc+sd-jwt' });

    expect(response.origResponse.status).toBe(200);
    const payload = response.successBody as { credentials?: Array<{ credential: string }> };
    await expectIssuedPid(payload.credentials?.[0]?.credential as string, key);
    const timeline = await timelineWith(issuance.session_id, (entry) => entry.message === 'Credential request of draft-15 translated to OID4VCI 1.0');
    const translated = timeline.entries.find((entry) => entry.message === 'Credential request of draft-15 translated to OID4VCI 1.0');
    expect(translated?.data?.['changes']).toContain('proof { proof_type: "jwt" } -> proofs.jwt[0]');
  });

  it("refuses the library's own credential request under strict-1.0 and tells the wallet to send `proofs`", async () => {
    const key = generateWalletKey();
    const issuance = await createIssuance({ compatibilityProfile: 'strict-1.0' });
    const client = await openOffer(issuance);
    await client.acquireAccessToken();

    const response = await credentialRequestClient(client).acquireCredentialsUsingProof({ proofInput: await keyProof(client, key), format: 'dc+sd-jwt' });

    expect(response.origResponse.status).toBe(400);
    expect(response.errorBody).toMatchObject({ error: 'invalid_credential_request', error_description: expect.stringContaining('proof') });
    const timeline = await timelineWith(issuance.session_id, (entry) => entry.endpoint === '/credential' && entry.level === 'error');
    const refusal = timeline.entries.find((entry) => entry.endpoint === '/credential' && entry.level === 'error');
    expect(refusal?.data).toMatchObject({ error: 'invalid_credential_request', help: expect.stringContaining('proofs') });
  });
});
