import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createClientAttestation, createClientAttestationPop, createDpopProof, createJwtProof, createWalletKey, type WalletKey } from '@issuer/testing';
import { CompactEncrypt, compactDecrypt, importJWK, type JWK } from 'jose';
import { startPlatform, type Mode, type PlatformUnderTest } from './support/global-setup.js';

const GRANT = 'urn:ietf:params:oauth:grant-type:pre-authorized_code';
const PID = 'eu.europa.ec.eudi.pid_vc_sd_jwt';
const CLIENT_ID = 'haip-wallet';
const pidClaims = { family_name: 'Mustermann', given_name: 'Erika', birthdate: '1984-01-26', nationalities: ['DE'], issuing_authority: 'DE', issuing_country: 'DE' };

/**
 * A second platform, as an operator runs it under HAIP: Wallet Attestation required, DPoP required
 * with server nonces (HAIP 1.0 Section 4, RFC 9449 Sections 8 and 9), credential requests and
 * responses encrypted (OID4VCI 1.0 Section 10).
 */
describe('an issuer under COMPATIBILITY_PROFILE=haip with DPOP_NONCE and CREDENTIAL_ENCRYPTION_REQUIRED', () => {
  let platform: PlatformUnderTest;
  const url = (path: string) => `${platform.baseUrl}${path}`;

  beforeAll(async () => {
    const mode = (process.env['E2E_MODE'] ?? 'embedded') as Mode;
    const port = Number(process.env['E2E_PORT'] ?? (mode === 'embedded' ? 18080 : 18180)) + 50;
    platform = await startPlatform(mode, port, { COMPATIBILITY_PROFILE: 'haip', DPOP_NONCE: 'true', REQUIRE_DPOP: 'true', CREDENTIAL_ENCRYPTION_REQUIRED: 'true' });
  }, 90_000);

  afterAll(async () => {
    await platform?.stop();
  });

  const attestation = (instance: WalletKey) => {
    const signer = JSON.parse(readFileSync(platform.walletProviderFile, 'utf8')) as { privateKeyPem: string; x5c: string[] };
    return {
      'oauth-client-attestation': createClientAttestation({ provider: { privateKey: createPrivateKey(signer.privateKeyPem), x5c: signer.x5c }, instance, clientId: CLIENT_ID }),
      'oauth-client-attestation-pop': createClientAttestationPop({ instance, clientId: CLIENT_ID, aud: platform.baseUrl }),
    };
  };

  const preAuthorizedCode = async () => {
    const response = await fetch(url('/admin/v1/issuances'), {
      method: 'POST',
      headers: { authorization: `Bearer ${platform.adminApiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ credentials: [{ credential_configuration_id: PID, claims: pidClaims }] }),
    });
    const issuance = (await response.json()) as { credential_offer: { grants: Record<string, { 'pre-authorized_code': string }> } };
    return issuance.credential_offer.grants[GRANT]!['pre-authorized_code'];
  };

  const token = (wallet: WalletKey, headers: Record<string, string>, nonce?: string) =>
    fetch(url('/token'), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', dpop: createDpopProof({ key: wallet, htm: 'POST', htu: url('/token'), ...(nonce && { nonce }) }), ...headers },
      body: new URLSearchParams({ grant_type: GRANT, 'pre-authorized_code': headers['code'] ?? '', client_id: CLIENT_ID }).toString(),
    });

  it('advertises Wallet Attestation as the only client authentication, and no anonymous pre-authorized access', async () => {
    const metadata = (await (await fetch(url('/.well-known/oauth-authorization-server'))).json()) as Record<string, unknown>;
    expect(metadata['token_endpoint_auth_methods_supported']).toEqual(['attest_jwt_client_auth']);
    expect(metadata['pre-authorized_grant_anonymous_access_supported']).toBe(false);
  });

  it('A6/T9/T10: refuses PAR and a pre-authorized code without Wallet Attestation, or without any client_id, with invalid_client', async () => {
    const par = await fetch(url('/par'), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ response_type: 'code', client_id: CLIENT_ID, redirect_uri: 'https://wallet.example/cb', scope: PID, code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM', code_challenge_method: 'S256' }).toString(),
    });
    expect({ status: par.status, error: ((await par.json()) as { error: string }).error }).toEqual({ status: 401, error: 'invalid_client' });

    const wallet = createWalletKey();
    const nonce = (await token(wallet, { code: await preAuthorizedCode() })).headers.get('dpop-nonce') as string;
    const refused = await token(wallet, { code: await preAuthorizedCode() }, nonce);
    expect({ status: refused.status, error: ((await refused.json()) as { error: string }).error }).toEqual({ status: 401, error: 'invalid_client' });

    // T9: no client_id at all, where anonymous pre-authorized access is not advertised.
    const anonymous = await fetch(url('/token'), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', dpop: createDpopProof({ key: wallet, htm: 'POST', htu: url('/token'), nonce }) },
      body: new URLSearchParams({ grant_type: GRANT, 'pre-authorized_code': await preAuthorizedCode() }).toString(),
    });
    expect({ status: anonymous.status, error: ((await anonymous.json()) as { error: string }).error }).toEqual({ status: 401, error: 'invalid_client' });
  });

  it('D12/C22: the token and credential endpoints ask for their DPoP nonce and take the one they gave; the credential endpoint takes only encrypted requests', async () => {
    const wallet = createWalletKey();
    const code = await preAuthorizedCode();
    const first = await token(wallet, { code, ...attestation(createWalletKey()) });
    expect({ status: first.status, error: ((await first.json()) as { error: string }).error }).toEqual({ status: 400, error: 'use_dpop_nonce' });
    const asNonce = first.headers.get('dpop-nonce') as string;
    expect(asNonce).toEqual(expect.any(String));

    const issued = await token(wallet, { code, ...attestation(createWalletKey()) }, asNonce);
    expect(issued.status).toBe(200);
    expect(issued.headers.get('dpop-nonce')).toEqual(expect.any(String));
    const accessToken = ((await issued.json()) as { access_token: string }).access_token;

    const metadata = (await (await fetch(url('/.well-known/openid-credential-issuer'))).json()) as { credential_request_encryption: { jwks: { keys: JWK[] }; encryption_required: boolean } };
    expect(metadata.credential_request_encryption.encryption_required).toBe(true);
    const responseKey = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const request = async () => ({
      credential_configuration_id: PID,
      proofs: { jwt: [createJwtProof({ key: wallet, aud: platform.baseUrl, nonce: ((await (await fetch(url('/nonce'), { method: 'POST' })).json()) as { c_nonce: string }).c_nonce, iss: CLIENT_ID })] },
      credential_response_encryption: { jwk: { ...(responseKey.publicKey.export({ format: 'jwk' }) as JWK), alg: 'ECDH-ES' }, enc: 'A128GCM' },
    });
    const [issuerKey] = metadata.credential_request_encryption.jwks.keys;
    const encrypt = async (body: object) => new CompactEncrypt(Buffer.from(JSON.stringify(body))).setProtectedHeader({ alg: issuerKey!.alg!, enc: 'A256GCM', kid: issuerKey!.kid! }).encrypt(await importJWK(issuerKey!, issuerKey!.alg));
    const credential = async (body: string, contentType: string, dpopNonce?: string) =>
      fetch(url('/credential'), {
        method: 'POST',
        headers: {
          'content-type': contentType,
          authorization: `DPoP ${accessToken}`,
          dpop: createDpopProof({ key: wallet, htm: 'POST', htu: url('/credential'), accessToken, ...(dpopNonce && { nonce: dpopNonce }) }),
        },
        body,
      });
    const challenged = await credential(await encrypt(await request()), 'application/jwt');
    expect(challenged.status).toBe(401);
    expect(challenged.headers.get('www-authenticate')).toContain('error="use_dpop_nonce"');
    const rsNonce = challenged.headers.get('dpop-nonce') as string;

    // C22: required encryption absent, whether the request comes unencrypted or asks for no encrypted response: a plain JSON error.
    const withoutResponseEncryption = { ...(await request()), credential_response_encryption: undefined };
    for (const refused of [await credential(JSON.stringify(await request()), 'application/json', rsNonce), await credential(await encrypt(withoutResponseEncryption), 'application/jwt', rsNonce)]) {
      expect({ status: refused.status, error: ((await refused.json()) as { error: string }).error }).toEqual({ status: 400, error: 'invalid_encryption_parameters' });
      expect({ cacheControl: refused.headers.get('cache-control'), contentType: refused.headers.get('content-type') }).toEqual({ cacheControl: 'no-store', contentType: expect.stringMatching(/^application\/json\b/) });
    }

    const encrypted = await credential(await encrypt(await request()), 'application/jwt', rsNonce);
    expect(encrypted.status).toBe(200);
    const { plaintext } = await compactDecrypt(await encrypted.text(), responseKey.privateKey);
    expect((JSON.parse(Buffer.from(plaintext).toString('utf8')) as { credentials: unknown[] }).credentials).toHaveLength(1);
  });
});
