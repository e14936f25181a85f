import { createPrivateKey, createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from '@jest/globals';
import {
  clientAuthenticationClientAttestationJwt,
  clientAuthenticationNone,
  getAuthorizationServerMetadataFromList,
  Oauth2Client,
  Oauth2ClientErrorResponseError,
  resourceRequest,
  type AuthorizationServerMetadata,
  type Jwk,
} from '@openid4vc/oauth2';
import {
  AuthorizationFlow,
  extractScopesForCredentialConfigurationIds,
  Openid4vciClient,
  Openid4vciRetrieveCredentialsError,
  Openid4vciWalletProvider,
  setGlobalConfig,
  type IssuerMetadataResult,
} from '@openid4vc/openid4vci';
import { CompactSign } from 'jose';
import { baseUrl, createIssuance, eventually, getIssuance, timelineWith } from '../support/issuer-api.js';
import { logInWithBrowser } from './browser.js';
import { jwkSigner, walletCallbacks } from './oid4vc-ts-wallet.js';
import { expectIssuedPid } from './verify-sd-jwt-vc.js';
import { generateWalletKey, type WalletKey } from './wallet-key.js';

const PID = 'eu.europa.ec.eudi.pid_vc_sd_jwt';
const CLIENT_ID = 'e2e-wallet';
const REDIRECT_URI = 'https://wallet.example/callback';

function authorizationServerOf(issuerMetadata: IssuerMetadataResult): AuthorizationServerMetadata {
  return getAuthorizationServerMetadataFromList(issuerMetadata.authorizationServers, issuerMetadata.authorizationServers[0]!.issuer);
}

/** The library's own key proof, nonce first (OID4VCI 1.0 Sections 7 and 8.2.1.1). */
async function keyProof(client: Openid4vciClient, issuerMetadata: IssuerMetadataResult, key: WalletKey): Promise<string> {
  const { c_nonce } = await client.requestNonce({ issuerMetadata });
  const proof = await client.createCredentialRequestJwtProof({ issuerMetadata, credentialConfigurationId: PID, signer: jwkSigner(key), nonce: c_nonce, clientId: CLIENT_ID });
  return proof.jwt;
}

/** The Wallet Provider's backend: signs Wallet Attestations with the x5c key the e2e platform trusts. */
function walletProvider(): { provider: Openid4vciWalletProvider; x5c: string[] } {
  const signer = JSON.parse(readFileSync(process.env['E2E_WALLET_PROVIDER'] as string, 'utf8')) as { privateKeyPem: string; x5c: string[] };
  const privateKey = createPrivateKey(signer.privateKeyPem);
  const signerJwk = createPublicKey(privateKey).export({ format: 'jwk' }) as Jwk;
  const provider = new Openid4vciWalletProvider({
    callbacks: {
      ...walletCallbacks([]),
      signJwt: async (jwtSigner, { header, payload }) => {
        if (jwtSigner.method !== 'x5c') throw new Error(`the Wallet Provider signs with x5c, not ${jwtSigner.method}`);
        const jwt = await new CompactSign(new TextEncoder().encode(JSON.stringify(payload))).setProtectedHeader({ ...header, alg: 'ES256' }).sign(privateKey);
        return { jwt, signerJwk };
      },
    },
  });
  return { provider, x5c: signer.x5c };
}

describe('oid4vc-ts wallet in the authorization code flow (@openid4vc/openid4vci 0.4.6)', () => {
  beforeAll(() => {
    // The platform under test listens on http://127.0.0.1; the library refuses http URLs unless told otherwise.
    setGlobalConfig({ allowInsecureUrls: true });
  });

  it('an offer with issuer_state: PAR with authorization_details, DPoP-bound token with credential_identifiers, credential by identifier', async () => {
    const proofKey = generateWalletKey();
    const dpopKey = generateWalletKey();
    const callbacks = walletCallbacks([proofKey, dpopKey], clientAuthenticationNone({ clientId: CLIENT_ID }));
    const client = new Openid4vciClient({ callbacks });
    const issuance = await createIssuance({ authorizationCode: true });

    const credentialOffer = await client.resolveCredentialOffer(issuance.offer_url);
    expect(credentialOffer.grants?.authorization_code?.issuer_state).toEqual(expect.any(String));
    const issuerMetadata = await client.resolveIssuerMetadata(credentialOffer.credential_issuer);
    const authorization = await client.initiateAuthorization({
      credentialOffer,
      issuerMetadata,
      clientId: CLIENT_ID,
      redirectUri: REDIRECT_URI,
      dpop: { signer: jwkSigner(dpopKey) },
      // Openid4vciClient 0.4.6 does not pass state on (its own undefined overwrites one given here); PKCE binds the code.
      additionalRequestPayload: { authorization_details: [{ type: 'openid_credential', credential_configuration_id: PID }] },
    });
    if (authorization.authorizationFlow !== AuthorizationFlow.Oauth2Redirect) throw new Error(`unexpected flow ${authorization.authorizationFlow}`);
    // RFC 9126 Section 4: the library pushed the request; the browser gets only client_id and request_uri.
    expect([...new URL(authorization.authorizationRequestUrl).searchParams.keys()].sort()).toEqual(['client_id', 'request_uri']);

    const redirect = await logInWithBrowser(authorization.authorizationRequestUrl);
    const response = client.parseAndVerifyAuthorizationResponseRedirectUrl({ url: redirect, authorizationServerMetadata: authorizationServerOf(issuerMetadata) });
    expect(response.code).toEqual(expect.any(String));

    const token = await client.retrieveAuthorizationCodeAccessTokenFromOffer({
      credentialOffer,
      issuerMetadata,
      authorizationCode: response.code!,
      pkceCodeVerifier: authorization.pkce?.codeVerifier,
      redirectUri: REDIRECT_URI,
      dpop: { signer: jwkSigner(dpopKey) },
    });
    expect(token.accessTokenResponse.token_type).toBe('DPoP');
    const details = token.accessTokenResponse['authorization_details'] as Array<{ credential_configuration_id: string; credential_identifiers: string[] }>;
    expect(details).toMatchObject([{ type: 'openid_credential', credential_configuration_id: PID, credential_identifiers: [expect.any(String)] }]);

    // OID4VCI 1.0 Section 8.2: with credential_identifiers, the request names one of them. The library's
    // retrieveCredentials always sends credential_configuration_id, so its resource request carries this body.
    const accessToken = token.accessTokenResponse.access_token;
    const credentialResponse = await resourceRequest({
      callbacks,
      accessToken,
      url: issuerMetadata.credentialIssuer.credential_endpoint,
      dpop: token.dpop!,
      requestOptions: {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ credential_identifier: details[0]!.credential_identifiers[0], proofs: { jwt: [await keyProof(client, issuerMetadata, proofKey)] } }),
      },
    });
    expect(credentialResponse.response.status).toBe(200);
    const issued = (await credentialResponse.response.json()) as { credentials: Array<{ credential: string }> };
    await expectIssuedPid(issued.credentials[0]!.credential, proofKey);

    // What a wallet that uses retrieveCredentials after authorization_details is told, through the library's own error.
    const byConfiguration = client.retrieveCredentials({ issuerMetadata, accessToken, credentialConfigurationId: PID, proofs: { jwt: [await keyProof(client, issuerMetadata, proofKey)] }, dpop: { ...token.dpop!, ...credentialResponse.dpop } });
    const refusal = (await byConfiguration.catch((error: unknown) => error)) as Openid4vciRetrieveCredentialsError;
    expect(refusal).toBeInstanceOf(Openid4vciRetrieveCredentialsError);
    expect(refusal.response.credentialErrorResponseResult?.data).toMatchObject({ error: 'invalid_credential_request' });

    const timeline = await timelineWith(issuance.session_id, (entry) => entry.message === 'Access token issued');
    expect(timeline.entries.map((entry) => entry.message)).toEqual(expect.arrayContaining(['Pushed authorization request stored', 'Login page shown', 'End-User logged in and allowed; authorization code issued']));
  });

  it('a wallet-initiated request by the scope the metadata names, without an offer', async () => {
    const proofKey = generateWalletKey();
    const dpopKey = generateWalletKey();
    const callbacks = walletCallbacks([proofKey, dpopKey], clientAuthenticationNone({ clientId: CLIENT_ID }));
    const client = new Openid4vciClient({ callbacks });
    const oauth2 = new Oauth2Client({ callbacks });
    const credentialIssuer = baseUrl();
    const issuerMetadata = await client.resolveIssuerMetadata(credentialIssuer);
    const authorizationServerMetadata = authorizationServerOf(issuerMetadata);
    const scope = extractScopesForCredentialConfigurationIds({ credentialConfigurationIds: [PID], issuerMetadata, throwOnConfigurationWithoutScope: true })?.join(' ');
    expect(scope).toBe(PID);

    const authorization = await oauth2.createAuthorizationRequestUrl({
      authorizationServerMetadata,
      clientId: CLIENT_ID,
      redirectUri: REDIRECT_URI,
      scope: scope!,
      state: 'wallet-initiated',
      resource: credentialIssuer,
      dpop: { signer: jwkSigner(dpopKey) },
    });
    const redirect = await logInWithBrowser(authorization.authorizationRequestUrl);
    const response = oauth2.parseAuthorizationResponseRedirectUrl({ url: redirect });
    oauth2.verifyAuthorizationResponse({ authorizationResponse: response, authorizationServerMetadata });
    expect(response.state).toBe('wallet-initiated');

    const token = await oauth2.retrieveAuthorizationCodeAccessToken({
      authorizationServerMetadata,
      authorizationCode: response.code!,
      pkceCodeVerifier: authorization.pkce?.codeVerifier,
      redirectUri: REDIRECT_URI,
      resource: credentialIssuer,
      dpop: authorization.dpop ?? { signer: jwkSigner(dpopKey) },
    });
    expect(token.accessTokenResponse.token_type).toBe('DPoP');
    expect(token.accessTokenResponse['authorization_details']).toBeUndefined();

    const issued = await client.retrieveCredentials({
      issuerMetadata,
      accessToken: token.accessTokenResponse.access_token,
      credentialConfigurationId: PID,
      proofs: { jwt: [await keyProof(client, issuerMetadata, proofKey)] },
      dpop: token.dpop!,
    });
    // The claims are the built-in End-User Erika's: the same as the e2e issuances use.
    await expectIssuedPid((issued.credentialResponse.credentials?.[0] as { credential: string }).credential, proofKey);
  });

  it('a wallet authenticated by Wallet Attestation at PAR and token (HAIP 1.0 Section 4.4.1): the library writes attestation and PoP', async () => {
    const instanceKey = generateWalletKey();
    const proofKey = generateWalletKey();
    const dpopKey = generateWalletKey();
    const now = Date.now();
    const { provider, x5c } = walletProvider();
    const clientAttestationJwt = await provider.createWalletAttestationJwt({
      issuer: 'https://wallet-provider.example.com',
      clientId: CLIENT_ID,
      walletName: 'oid4vc-ts e2e wallet',
      confirmation: { jwk: instanceKey.publicJwk },
      issuedAt: new Date(now),
      expiresAt: new Date(now + 3_600_000),
      signer: { method: 'x5c', alg: 'ES256', x5c },
    });
    const keys = [instanceKey, proofKey, dpopKey];
    const clientAuthentication = clientAuthenticationClientAttestationJwt({ clientAttestationJwt, callbacks: walletCallbacks(keys) });
    const callbacks = walletCallbacks(keys, clientAuthentication);
    const client = new Openid4vciClient({ callbacks });
    const issuance = await createIssuance({ authorizationCode: true });
    const credentialOffer = await client.resolveCredentialOffer(issuance.offer_url);
    const issuerMetadata = await client.resolveIssuerMetadata(credentialOffer.credential_issuer);
    expect(authorizationServerOf(issuerMetadata).token_endpoint_auth_methods_supported).toContain('attest_jwt_client_auth');

    const authorization = await client.createAuthorizationRequestUrlFromOffer({ credentialOffer, issuerMetadata, clientId: CLIENT_ID, redirectUri: REDIRECT_URI, dpop: { signer: jwkSigner(dpopKey) } });
    const redirect = await logInWithBrowser(authorization.authorizationRequestUrl);
    const response = client.parseAndVerifyAuthorizationResponseRedirectUrl({ url: redirect, authorizationServerMetadata: authorizationServerOf(issuerMetadata) });
    const token = await client.retrieveAuthorizationCodeAccessTokenFromOffer({
      credentialOffer,
      issuerMetadata,
      authorizationCode: response.code!,
      pkceCodeVerifier: authorization.pkce?.codeVerifier,
      redirectUri: REDIRECT_URI,
      dpop: authorization.dpop ?? { signer: jwkSigner(dpopKey) },
    });
    expect(token.accessTokenResponse.token_type).toBe('DPoP');

    const issued = await client.retrieveCredentials({
      issuerMetadata,
      accessToken: token.accessTokenResponse.access_token,
      credentialConfigurationId: PID,
      proofs: { jwt: [await keyProof(client, issuerMetadata, proofKey)] },
      dpop: token.dpop!,
    });
    await expectIssuedPid((issued.credentialResponse.credentials?.[0] as { credential: string }).credential, proofKey);

    const timeline = await timelineWith(issuance.session_id, (entry) => entry.message === 'Access token issued');
    const authentications = timeline.entries.filter((entry) => entry.message === 'Client authenticated').map((entry) => entry.data);
    expect(authentications).toHaveLength(2);
    for (const data of authentications) expect(data).toMatchObject({ method: 'attest_jwt_client_auth', client_id: CLIENT_ID, wallet_name: 'oid4vc-ts e2e wallet', cnf_jkt: await instanceKey.thumbprint() });
    const record = await eventually(() => getIssuance(issuance.id), (value) => value.status === 'credential_issued');
    expect(record.status).toBe('credential_issued');
  });

  it('RFC 9449 Section 10.1: the DPoP proof the library attaches to PAR binds the code to that key', async () => {
    const parKey = generateWalletKey();
    const otherKey = generateWalletKey();
    const callbacks = walletCallbacks([parKey, otherKey], clientAuthenticationNone({ clientId: CLIENT_ID }));
    const client = new Openid4vciClient({ callbacks });
    const credentialOffer = await client.resolveCredentialOffer((await createIssuance({ authorizationCode: true })).offer_url);
    const issuerMetadata = await client.resolveIssuerMetadata(credentialOffer.credential_issuer);
    const authorization = await client.createAuthorizationRequestUrlFromOffer({ credentialOffer, issuerMetadata, clientId: CLIENT_ID, redirectUri: REDIRECT_URI, dpop: { signer: jwkSigner(parKey) } });
    const response = client.parseAndVerifyAuthorizationResponseRedirectUrl({ url: await logInWithBrowser(authorization.authorizationRequestUrl), authorizationServerMetadata: authorizationServerOf(issuerMetadata) });
    const redeem = (key: WalletKey) =>
      client.retrieveAuthorizationCodeAccessTokenFromOffer({ credentialOffer, issuerMetadata, authorizationCode: response.code!, pkceCodeVerifier: authorization.pkce?.codeVerifier, redirectUri: REDIRECT_URI, dpop: { signer: jwkSigner(key) } });

    const refusal = (await redeem(otherKey).catch((error: unknown) => error)) as Oauth2ClientErrorResponseError;
    expect(refusal).toBeInstanceOf(Oauth2ClientErrorResponseError);
    expect(refusal.errorResponse.error).toBe('invalid_grant');
    expect((await redeem(parKey)).accessTokenResponse.token_type).toBe('DPoP');
  });
});
