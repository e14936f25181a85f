import { describe, expect, it } from '@jest/globals';
import { generateKeyPairSync } from 'node:crypto';
import { createEncryptionKey } from '@issuer/crypto';
import { protocolErrorOfAsync } from '@issuer/testing';
import { CompactEncrypt, compactDecrypt, importJWK, type JWK } from 'jose';
import { decryptCredentialRequest } from './decrypt-credential-request.js';
import { checkCredentialResponseEncryption, encryptCredentialResponse } from './encrypt-credential-response.js';

const issuerKey = createEncryptionKey(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey);
const wallet = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const walletJwk = { ...(wallet.publicKey.export({ format: 'jwk' }) as JWK), kty: 'EC', alg: 'ECDH-ES', kid: 'wallet-enc-1' };
const request = { credential_configuration_id: 'pid', proofs: { jwt: ['eyJ...'] } };

async function encryptRequest(header: { alg: string; enc: string; kid?: string }, payload: unknown = request): Promise<string> {
  return new CompactEncrypt(Buffer.from(JSON.stringify(payload))).setProtectedHeader(header).encrypt(await importJWK(issuerKey.publicJwk, 'ECDH-ES'));
}

const refusal = (promise: Promise<unknown>) => protocolErrorOfAsync(() => promise);

describe('decryptCredentialRequest (OID4VCI 1.0 Section 10)', () => {
  it('returns the JSON request a wallet encrypted to the key of credential_request_encryption.jwks', async () => {
    expect(await decryptCredentialRequest(await encryptRequest({ alg: 'ECDH-ES', enc: 'A256GCM', kid: issuerKey.kid }), issuerKey)).toEqual(request);
  });

  it('refuses an unsupported enc and another key with invalid_encryption_parameters, garbage with invalid_credential_request', async () => {
    expect((await refusal(decryptCredentialRequest(await encryptRequest({ alg: 'ECDH-ES', enc: 'A192GCM' }), issuerKey))).error).toBe('invalid_encryption_parameters');
    expect((await refusal(decryptCredentialRequest(await encryptRequest({ alg: 'ECDH-ES', enc: 'A128GCM', kid: 'old-key' }), issuerKey))).error).toBe('invalid_encryption_parameters');
    expect((await refusal(decryptCredentialRequest('not.a.jwe', issuerKey))).error).toBe('invalid_credential_request');
  });
});

describe('credential response encryption (OID4VCI 1.0 Sections 8.2, 10)', () => {
  it("encrypts the response to the wallet's key with its alg and kid, which the wallet decrypts", async () => {
    const parameters = { jwk: walletJwk, enc: 'A128GCM' };
    await checkCredentialResponseEncryption(parameters);
    const jwe = await encryptCredentialResponse({ credentials: [{ credential: 'x' }] }, parameters);
    const { plaintext, protectedHeader } = await compactDecrypt(jwe, wallet.privateKey);
    expect(protectedHeader).toMatchObject({ alg: 'ECDH-ES', enc: 'A128GCM', kid: 'wallet-enc-1' });
    expect(JSON.parse(Buffer.from(plaintext).toString('utf8'))).toEqual({ credentials: [{ credential: 'x' }] });
  });

  it('refuses what it cannot honour with invalid_encryption_parameters, naming the problem', async () => {
    const noAlg: JWK = { ...walletJwk };
    delete noAlg.alg;
    const cases: Array<[object, string]> = [
      [{ jwk: noAlg, enc: 'A128GCM' }, 'jwk.alg undefined'],
      [{ jwk: walletJwk, enc: 'A192CBC-HS384' }, 'enc "A192CBC-HS384"'],
      [{ jwk: walletJwk, enc: 'A128GCM', zip: 'DEF' }, 'zip "DEF"'],
      [{ jwk: { ...walletJwk, d: 'private' }, enc: 'A128GCM' }, 'private key'],
    ];
    for (const [parameters, reason] of cases) {
      const error = await refusal(checkCredentialResponseEncryption(parameters as never));
      expect([error.error, error.reason]).toEqual(['invalid_encryption_parameters', expect.stringContaining(reason)]);
    }
  });
});
