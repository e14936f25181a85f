import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { CompactEncrypt, compactDecrypt, importJWK, type JWK } from 'jose';
import { expectIssuedPid } from './interop/verify-sd-jwt-vc.js';
import { expectProtocolError } from './support/expect-error.js';
import { baseUrl, createIssuance, preAuthorizedCodeOf } from './support/issuer-api.js';
import { send, TestWallet } from './support/wallet.js';

const GRANT = 'urn:ietf:params:oauth:grant-type:pre-authorized_code';
const PID = 'eu.europa.ec.eudi.pid_vc_sd_jwt';

interface EncryptionMetadata {
  credential_request_encryption: { jwks: { keys: JWK[] }; enc_values_supported: string[]; encryption_required: boolean };
  credential_response_encryption: { alg_values_supported: string[]; enc_values_supported: string[]; encryption_required: boolean };
}

async function setUp() {
  const metadata = (await send('/.well-known/openid-credential-issuer', { method: 'GET' })).body as unknown as EncryptionMetadata;
  const issuance = await createIssuance();
  const wallet = new TestWallet();
  const token = await wallet.token({ grant_type: GRANT, 'pre-authorized_code': preAuthorizedCodeOf(issuance) });
  const accessToken = token.body['access_token'] as string;
  const responseKey = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const responseJwk = { ...(responseKey.publicKey.export({ format: 'jwk' }) as JWK), alg: 'ECDH-ES', kid: 'wallet-response-key' };
  return { metadata, issuance, wallet, accessToken, responseKey, responseJwk };
}

/** The request a wallet encrypts to the first key of credential_request_encryption.jwks. */
async function encrypted(metadata: EncryptionMetadata, request: object): Promise<string> {
  const [issuerKey] = metadata.credential_request_encryption.jwks.keys;
  return new CompactEncrypt(Buffer.from(JSON.stringify(request)))
    .setProtectedHeader({ alg: issuerKey!.alg!, enc: 'A256GCM', kid: issuerKey!.kid! })
    .encrypt(await importJWK(issuerKey!, issuerKey!.alg));
}

function postJwt(wallet: TestWallet, accessToken: string, jwe: string) {
  return send('/credential', {
    method: 'POST',
    headers: { authorization: `DPoP ${accessToken}`, dpop: wallet.dpop('POST', '/credential', { accessToken }), 'content-type': 'application/jwt' },
    body: jwe,
  });
}

describe('credential request and response encryption (OID4VCI 1.0 Section 10)', () => {
  it('advertises both, optional', async () => {
    const { metadata } = await setUp();
    expect(metadata.credential_request_encryption).toMatchObject({ enc_values_supported: ['A128GCM', 'A256GCM'], encryption_required: false });
    expect(metadata.credential_request_encryption.jwks.keys[0]).toMatchObject({ kty: 'EC', use: 'enc', alg: 'ECDH-ES' });
    expect(metadata.credential_response_encryption).toMatchObject({ alg_values_supported: ['ECDH-ES'], encryption_required: false });
  });

  it('decrypts an encrypted request and answers with a JWE to the wallet key that decrypts to the credential', async () => {
    const { metadata, wallet, accessToken, responseKey, responseJwk } = await setUp();
    const request = { credential_configuration_id: PID, proofs: { jwt: [wallet.proof(await wallet.nonce())] }, credential_response_encryption: { jwk: responseJwk, enc: 'A128GCM' } };

    const response = await fetch(`${baseUrl()}/credential`, {
      method: 'POST',
      headers: { authorization: `DPoP ${accessToken}`, dpop: wallet.dpop('POST', '/credential', { accessToken }), 'content-type': 'application/jwt' },
      body: await encrypted(metadata, request),
    });

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/jwt');
    const { plaintext, protectedHeader } = await compactDecrypt(await response.text(), responseKey.privateKey);
    expect(protectedHeader).toMatchObject({ alg: 'ECDH-ES', enc: 'A128GCM', kid: 'wallet-response-key' });
    const body = JSON.parse(Buffer.from(plaintext).toString('utf8')) as { credentials: Array<{ credential: string }> };
    await expectIssuedPid(body.credentials[0]!.credential, wallet.key);
  });

  it('C22: refuses response encryption in an unencrypted request, an unsupported enc or alg, with invalid_encryption_parameters in plain JSON', async () => {
    const { metadata, issuance, wallet, accessToken, responseJwk } = await setUp();
    const plain = await wallet.credential(accessToken, { credential_configuration_id: PID, proofs: { jwt: [wallet.proof(await wallet.nonce())] }, credential_response_encryption: { jwk: responseJwk, enc: 'A128GCM' } });
    await expectProtocolError(plain, 400, 'invalid_encryption_parameters', issuance.session_id);

    const request = { credential_configuration_id: PID, proofs: { jwt: [wallet.proof(await wallet.nonce())] }, credential_response_encryption: { jwk: responseJwk, enc: 'A192GCM' } };
    const unsupported = await postJwt(wallet, accessToken, await encrypted(metadata, request));
    expect(unsupported.headers.get('content-type')).toContain('application/json');
    await expectProtocolError(unsupported, 400, 'invalid_encryption_parameters', issuance.session_id);

    const rsa = { ...responseJwk, alg: 'RSA-OAEP-256' };
    const unsupportedAlg = { credential_configuration_id: PID, proofs: { jwt: [wallet.proof(await wallet.nonce())] }, credential_response_encryption: { jwk: rsa, enc: 'A128GCM' } };
    const refused = await postJwt(wallet, accessToken, await encrypted(metadata, unsupportedAlg));
    expect(refused.headers.get('content-type')).toContain('application/json');
    await expectProtocolError(refused, 400, 'invalid_encryption_parameters', issuance.session_id);
  });
});
