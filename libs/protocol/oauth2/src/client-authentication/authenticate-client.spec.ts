import { describe, expect, it } from '@jest/globals';
import { generateKeyPairSync, X509Certificate } from 'node:crypto';
import { createIssuerCertificates, SUPPORTED_JWS_ALGS } from '@issuer/crypto';
import { createClientAttestation, createClientAttestationPop, createWalletKey, protocolErrorOfAsync, signCompactJws } from '@issuer/testing';
import { PRE_AUTHORIZED_CODE_GRANT_TYPE } from '../token-request/index.js';
import { sealedAttestationChallengePolicy } from './attestation-challenge.js';
import { authenticateClient, tokenEndpointAuthMethodsSupported, type ClientAuthenticationPolicy, type ClientAuthenticationRequest } from './authenticate-client.js';
import { JWT_BEARER_CLIENT_ASSERTION_TYPE } from './client-authentication-method.js';
import { clientAuthenticationMetadata } from './client-authentication-metadata.js';
import { clientProofReplayed } from './client-proof-replayed.js';
import { resolveDidClientKey } from './resolve-did-client-key.js';

// Certificates are generated at the real time, so the clock of these tests is the real one.
const NOW = Math.floor(Date.now() / 1000);
const AS = 'https://issuer.example.com';
const PAR_ENDPOINT = `${AS}/par`;
const WALLET = 'https://wallet.example.org';

const providerKey = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const provider = await createIssuerCertificates({ issuerUrl: 'https://wallet-provider.example.com', publicKey: providerKey.publicKey });
const instance = createWalletKey();
const ebsiClient = createWalletKey();
const EBSI_CLIENT_ID = `did:jwk:${Buffer.from(JSON.stringify(ebsiClient.publicJwk)).toString('base64url')}`;

const attestationHeaders = {
  clientAttestation: [createClientAttestation({ provider: { privateKey: providerKey.privateKey, x5c: provider.x5c }, instance, clientId: WALLET, iat: NOW })],
  clientAttestationPop: [createClientAttestationPop({ instance, clientId: WALLET, aud: AS, jti: 'pop-1', iat: NOW })],
};
const clientAssertion = signCompactJws({ alg: 'ES256', kid: `${EBSI_CLIENT_ID}#0` }, { iss: EBSI_CLIENT_ID, sub: EBSI_CLIENT_ID, aud: PAR_ENDPOINT, exp: NOW + 300, jti: 'assertion-1' }, ebsiClient.privateKey);
const assertionParameters = { client_assertion_type: JWT_BEARER_CLIENT_ASSERTION_TYPE, client_assertion: clientAssertion };

const policy: ClientAuthenticationPolicy = {
  methods: ['attest_jwt_client_auth', 'private_key_jwt', 'none'],
  issuer: AS,
  endpoint: PAR_ENDPOINT,
  now: NOW,
  attestation: { trustAnchors: [new X509Certificate(provider.iaca.pem)] },
  assertion: { resolveKey: resolveDidClientKey },
};

function request(parts: Partial<ClientAuthenticationRequest> = {}): ClientAuthenticationRequest {
  return { clientAttestation: [], clientAttestationPop: [], parameters: { response_type: 'code' }, ...parts };
}

describe('authenticateClient (RFC 6749 Section 2.3, HAIP 1.0 Sections 4.3 and 4.4.1)', () => {
  it('authenticates a wallet by its Wallet Attestation, and hands back the PoP jti for the replay check', async () => {
    const client = await authenticateClient(request({ ...attestationHeaders, parameters: { client_id: WALLET } }), policy);
    expect(client).toMatchObject({ method: 'attest_jwt_client_auth', clientId: WALLET, replayCheck: { jti: 'pop-1', expiresAt: NOW + 300 + 60 }, attestation: { cnfJkt: instance.jkt } });
  });

  it('authenticates a client by private_key_jwt with the endpoint URL as aud, and hands back the assertion jti', async () => {
    const client = await authenticateClient(request({ parameters: assertionParameters }), policy);
    expect(client).toMatchObject({ method: 'private_key_jwt', clientId: EBSI_CLIENT_ID, replayCheck: { jti: 'assertion-1', expiresAt: NOW + 300 } });
  });

  it('takes a public client by its client_id', async () => {
    await expect(authenticateClient(request({ parameters: { client_id: 'public-wallet' } }), policy)).resolves.toEqual({ method: 'none', clientId: 'public-wallet' });
  });

  it('takes an anonymous pre-authorized code request when the server offers anonymous access', async () => {
    const anonymous = request({ parameters: { grant_type: PRE_AUTHORIZED_CODE_GRANT_TYPE, 'pre-authorized_code': 'code' } });
    await expect(authenticateClient(anonymous, { ...policy, anonymousPreAuthorizedAccess: true })).resolves.toEqual({ method: 'none', clientId: undefined });
  });

  describe('refuses with invalid_client', () => {
    const cases: Array<[string, ClientAuthenticationRequest, Partial<ClientAuthenticationPolicy>, string, string]> = [
      [
        'T9: a pre-authorized code without client_id, anonymous access not offered',
        request({ parameters: { grant_type: PRE_AUTHORIZED_CODE_GRANT_TYPE, 'pre-authorized_code': 'code' } }),
        {},
        'the token request has no client_id and this authorization server does not offer pre-authorized_grant_anonymous_access_supported',
        'OID4VCI 1.0 Section 6.3',
      ],
      ['a public client without client_id at PAR', request(), {}, 'the request has no client_id and no client authentication', 'RFC 6749 Section 4.1.3'],
      [
        'A6 / T10: no Wallet Attestation where it is required',
        request({ parameters: { client_id: WALLET } }),
        { requireWalletAttestation: true },
        'no OAuth-Client-Attestation header was sent; this authorization server requires Wallet Attestation',
        'HAIP 1.0 Section 4.4.1',
      ],
      [
        'no client authentication where none is not offered',
        request({ parameters: { client_id: WALLET } }),
        { methods: ['attest_jwt_client_auth', 'private_key_jwt'] },
        'the request carries no client authentication, which this authorization server requires',
        'HAIP 1.0 Section 4.4.1',
      ],
      ['none where only private_key_jwt is offered', request({ parameters: { client_id: WALLET } }), { methods: ['private_key_jwt'] }, 'the client authenticated with none (no client authentication), which this authorization server does not accept', 'RFC 6749 Section 2.3'],
      ['private_key_jwt where Wallet Attestation is required', request({ parameters: assertionParameters }), { requireWalletAttestation: true }, 'the client authenticated with private_key_jwt, which this authorization server does not accept', 'RFC 6749 Section 2.3'],
      ['two methods at once', request({ ...attestationHeaders, parameters: assertionParameters }), {}, 'the request authenticates the client in 2 ways at once (attest_jwt_client_auth, private_key_jwt)', 'RFC 6749 Section 2.3'],
      ['a PoP without its attestation', request({ clientAttestationPop: attestationHeaders.clientAttestationPop, parameters: { client_id: WALLET } }), {}, 'no OAuth-Client-Attestation header was sent', 'Section 6.2'],
      ['client_secret_post', request({ parameters: { client_id: WALLET, client_secret: 'secret' } }), {}, 'the client authenticated with client_secret_post, which this authorization server does not offer', 'RFC 8414 Section 2'],
      ['client_secret_basic', request({ authorization: ['Basic d2FsbGV0OnNlY3JldA=='] }), {}, 'the client authenticated with client_secret_basic', 'RFC 8414 Section 2'],
      ['a client_id other than the attestation sub (HAIP: PAR client_id is the sub)', request({ ...attestationHeaders, parameters: { client_id: 'someone-else' } }), {}, 'client_id "someone-else" is not the Wallet Attestation sub', 'Sections 6.3 and 6.4'],
      ['a client_id other than the assertion iss', request({ parameters: { ...assertionParameters, client_id: 'someone-else' } }), {}, 'client_id "someone-else" is not the client_assertion iss', 'RFC 7521 Section 4.2'],
      ['a PoP for another authorization server', request({ ...attestationHeaders, parameters: {} }), { issuer: 'https://other-issuer.example.com' }, 'aud "https://issuer.example.com" does not name this authorization server', 'Section 5.2'],
    ];

    it.each(cases)('%s', async (_name, clientRequest, change, reason, specRef) => {
      const error = await protocolErrorOfAsync(() => authenticateClient(clientRequest, { ...policy, ...change }));
      expect({ error: error.error, status: error.status }).toEqual({ error: 'invalid_client', status: 401 });
      expect(error.reason).toContain(reason);
      expect(error.specRef).toContain(specRef);
    });

    it('names the accepted methods and how to use them in help', async () => {
      const error = await protocolErrorOfAsync(() => authenticateClient(request({ parameters: { client_id: WALLET } }), { ...policy, methods: ['attest_jwt_client_auth', 'private_key_jwt'] }));
      expect(error.help).toBe(
        'Authenticate with one of the methods in token_endpoint_auth_methods_supported: attest_jwt_client_auth (OAuth-Client-Attestation and OAuth-Client-Attestation-PoP headers with your Wallet Attestation); private_key_jwt (client_assertion_type and a client_assertion JWT)',
      );
    });
  });

  it('passes a use_attestation_challenge refusal through, with its fresh challenge', async () => {
    const challenge = sealedAttestationChallengePolicy({ secret: 'attestation-challenge-secret-32by', now: NOW, ttlSeconds: 300, required: true });
    const error = await protocolErrorOfAsync(() => authenticateClient(request(attestationHeaders), { ...policy, attestation: { ...policy.attestation!, challenge } }));
    expect(error).toMatchObject({ error: 'use_attestation_challenge', status: 400, headers: { 'OAuth-Client-Attestation-Challenge': expect.any(String) } });
  });

  it('refuses to run with a method it was not configured for', async () => {
    await expect(authenticateClient(request(attestationHeaders), { ...policy, attestation: undefined })).rejects.toThrow(TypeError);
  });

  it('refuses a replayed PoP or assertion by the jti the caller saw before', async () => {
    const attested = await authenticateClient(request(attestationHeaders), policy);
    const asserted = await authenticateClient(request({ parameters: assertionParameters }), policy);
    if (attested.method === 'none' || asserted.method === 'none') throw new Error('expected an authenticated client');
    expect(clientProofReplayed(attested)).toMatchObject({ error: 'invalid_client', reason: 'the OAuth-Client-Attestation-PoP jti pop-1 was already used' });
    expect(clientProofReplayed(asserted)).toMatchObject({ error: 'invalid_client', reason: 'the client_assertion jti assertion-1 was already used', specRef: 'RFC 7523 Section 3 item 7' });
  });
});

describe('client authentication in the authorization server metadata (RFC 8414 Section 2)', () => {
  it('lists the accepted methods, or only attest_jwt_client_auth when Wallet Attestation is required', () => {
    expect(tokenEndpointAuthMethodsSupported(policy)).toEqual(['attest_jwt_client_auth', 'private_key_jwt', 'none']);
    expect(tokenEndpointAuthMethodsSupported({ ...policy, requireWalletAttestation: true })).toEqual(['attest_jwt_client_auth']);
  });

  it('lists the algorithms of each method and the challenge endpoint (draft 07 Sections 8 and 10.1)', () => {
    const metadata = clientAuthenticationMetadata({ ...policy, attestation: { ...policy.attestation!, allowedAlgs: ['ES256'] } }, { challengeEndpoint: `${AS}/challenge` });
    expect(metadata).toEqual({
      token_endpoint_auth_methods_supported: ['attest_jwt_client_auth', 'private_key_jwt', 'none'],
      token_endpoint_auth_signing_alg_values_supported: [...SUPPORTED_JWS_ALGS],
      client_attestation_signing_alg_values_supported: ['ES256'],
      client_attestation_pop_signing_alg_values_supported: ['ES256'],
      challenge_endpoint: `${AS}/challenge`,
    });
  });

  it('says nothing of attestations or assertions a public-only server does not accept', () => {
    expect(clientAuthenticationMetadata({ methods: ['none'] }, { challengeEndpoint: `${AS}/challenge` })).toEqual({ token_endpoint_auth_methods_supported: ['none'] });
  });
});
