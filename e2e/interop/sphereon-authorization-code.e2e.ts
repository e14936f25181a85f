import { describe, expect, it } from '@jest/globals';
import type { CreateDPoPClientOpts } from '@sphereon/oid4vc-common';
import { AccessTokenClient, CredentialRequestClientBuilderV1_0_15, OpenID4VCIClientV1_0_15, ProofOfPossessionBuilder } from '@sphereon/oid4vci-client';
import { OpenId4VCIVersion, toAuthorizationResponsePayload, type AccessTokenResponse, type AuthorizationResponse, type CredentialRequestV1_0_15, type EndpointMetadataResultV1_0_15 } from '@sphereon/oid4vci-common';
import { baseUrl, createIssuance, timelineWith } from '../support/issuer-api.js';
import { logInWithBrowser } from './browser.js';
import { expectIssuedPid } from './verify-sd-jwt-vc.js';
import { generateWalletKey, type WalletKey } from './wallet-key.js';

const PID = 'eu.europa.ec.eudi.pid_vc_sd_jwt';
const CLIENT_ID = 'e2e-wallet';
const REDIRECT_URI = 'https://wallet.example/callback';

function dpopOptions(key: WalletKey): CreateDPoPClientOpts {
  return {
    jwtIssuer: { alg: 'ES256', jwk: key.publicJwk },
    jwtPayloadProps: {},
    dPoPSigningAlgValuesSupported: ['ES256'],
    createJwtCallback: (_issuer, jwt) => key.sign({ ...jwt.header }, { ...jwt.payload }),
  };
}

interface Session {
  issuer: string;
  metadata: EndpointMetadataResultV1_0_15;
  token: AccessTokenResponse;
  nonce: string;
}

/**
 * The key proof from the library's builder, and the credential request through its request client with the body in
 * the OID4VCI 1.0 shape (Section 8.2: `proofs`, and `credential_identifier` or `credential_configuration_id`).
 */
async function requestCredential(session: Session, key: WalletKey, target: { credential_identifier: string } | { credential_configuration_id: string }, dpop: CreateDPoPClientOpts) {
  const proof = await ProofOfPossessionBuilder.fromAccessTokenResponse({
    accessTokenResponse: session.token,
    callbacks: { signCallback: (jwt) => key.sign({ ...jwt.header }, { ...jwt.payload }) },
    version: OpenId4VCIVersion.VER_1_0_15,
  })
    .withIssuer(session.issuer)
    .withAlg('ES256')
    .withJWK(key.publicJwk)
    .withAccessTokenNonce(session.nonce)
    .build();
  const requestClient = CredentialRequestClientBuilderV1_0_15.fromCredentialIssuer({ credentialIssuer: session.issuer, metadata: session.metadata, version: OpenId4VCIVersion.VER_1_0_15 })
    .withToken(session.token.access_token)
    .build();
  const body = { ...target, proofs: { jwt: [proof.jwt] } } as unknown as CredentialRequestV1_0_15;
  const response = await requestClient.acquireCredentialsUsingRequest(body, 'dc+sd-jwt', dpop);
  expect(response.errorBody).toBeUndefined();
  expect(response.origResponse.status).toBe(200);
  return (response.successBody as { credentials: Array<{ credential: string }> }).credentials[0]!.credential;
}

describe('Sphereon wallet in the authorization code flow (@sphereon/oid4vci-client 0.20.1)', () => {
  it('an offer with issuer_state: the library derives authorization_details from the offer, pushes them, and redeems the code with DPoP', async () => {
    const key = generateWalletKey();
    const dpopKey = generateWalletKey();
    const issuance = await createIssuance({ authorizationCode: true });
    const client = await OpenID4VCIClientV1_0_15.fromURI({ uri: issuance.offer_url, clientId: CLIENT_ID, authorizationRequest: { clientId: CLIENT_ID, redirectUri: REDIRECT_URI } });
    expect(client.credentialOffer?.issuerState).toEqual(expect.any(String));
    const authorizationUrl = client.authorizationURL as string;
    // RFC 9126 Section 4: the library pushed the request; the browser gets only client_id and request_uri.
    expect([...new URL(authorizationUrl).searchParams.keys()].sort()).toEqual(['client_id', 'request_uri']);

    const redirect = await logInWithBrowser(authorizationUrl);
    const token = await client.acquireAccessToken({ authorizationResponse: redirect, createDPoPOpts: dpopOptions(dpopKey) });
    expect(token.token_type).toBe('DPoP');
    const details = token['authorization_details'] as Array<{ credential_configuration_id: string; credential_identifiers: string[] }>;
    expect(details).toMatchObject([{ type: 'openid_credential', credential_configuration_id: PID, credential_identifiers: [expect.any(String)] }]);

    const session = { issuer: client.getIssuer(), metadata: client.endpointMetadata, token, nonce: await client.acquireNonce() };
    const credential = await requestCredential(session, key, { credential_identifier: details[0]!.credential_identifiers[0]! }, dpopOptions(dpopKey));
    await expectIssuedPid(credential, key);
    const timeline = await timelineWith(issuance.session_id, (entry) => entry.message === 'Access token issued');
    expect(timeline.entries.find((entry) => entry.message === 'Pushed authorization request stored')?.data).toMatchObject({ by: 'authorization_details', issuer_state: 'known', credential_configuration_ids: [PID] });
  });

  it('a wallet-initiated request by scope, without an offer: the library pushes it; its token client redeems the code', async () => {
    const key = generateWalletKey();
    const dpopKey = generateWalletKey();
    const issuer = baseUrl();
    const client = await OpenID4VCIClientV1_0_15.fromCredentialIssuer({
      credentialIssuer: issuer,
      clientId: CLIENT_ID,
      authorizationRequest: { clientId: CLIENT_ID, redirectUri: REDIRECT_URI, scope: PID },
    });
    const redirect = await logInWithBrowser(client.authorizationURL as string);

    // Without an offer, OpenID4VCIClientV1_0_15 0.20.1 takes the authorization code flow as supported only when the
    // issuer metadata carries the pre-1.0 `authorization_server` or `authorization_endpoint`, so its acquireAccessToken(),
    // getIssuer() and acquireNonce() throw "No issuance initiation or credential offer present". Its AccessTokenClient does not.
    const { code } = toAuthorizationResponsePayload(redirect) as AuthorizationResponse;
    const response = await new AccessTokenClient().acquireAccessToken({
      metadata: client.endpointMetadata,
      credentialIssuer: issuer,
      code,
      codeVerifier: client.state.pkce.codeVerifier,
      redirectUri: REDIRECT_URI,
      asOpts: { clientOpts: { clientId: CLIENT_ID } },
      createDPoPOpts: dpopOptions(dpopKey),
    });
    expect(response.errorBody).toBeUndefined();
    const token = response.successBody!;
    expect(token.token_type).toBe('DPoP');

    const nonce = ((await (await fetch(client.endpointMetadata.credentialIssuerMetadata!.nonce_endpoint!, { method: 'POST' })).json()) as { c_nonce: string }).c_nonce;
    // The claims are the built-in End-User Erika's: the same as the e2e issuances use.
    await expectIssuedPid(await requestCredential({ issuer, metadata: client.endpointMetadata, token, nonce }, key, { credential_configuration_id: PID }, dpopOptions(dpopKey)), key);
  });
});
