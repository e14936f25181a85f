import type { KeyObject } from 'node:crypto';
import { invalidCredentialRequest, invalidEncryptionParameters } from '@issuer/protocol-errors';
import { compactDecrypt, decodeProtectedHeader } from 'jose';
import { ENCRYPTION_ALGS, ENCRYPTION_ENCS } from './encryption-support.js';

const SPEC_REF = 'OID4VCI 1.0 Section 10';

/**
 * OID4VCI 1.0 Section 10: a credential request sent as `application/jwt`, a JWE to the key of
 * `credential_request_encryption.jwks`; returns the JSON request it carries.
 */
export async function decryptCredentialRequest(jwe: string, key: { kid: string; privateKey: KeyObject }): Promise<unknown> {
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(jwe);
  } catch {
    throw invalidCredentialRequest({ reason: 'the application/jwt body is not a compact JWE', help: 'Encrypt the credential request as a compact JWE to the key in credential_request_encryption.jwks', specRef: SPEC_REF, description: 'The encrypted credential request is not a compact JWE' });
  }
  if (!(ENCRYPTION_ALGS as readonly unknown[]).includes(header.alg) || !(ENCRYPTION_ENCS as readonly unknown[]).includes(header.enc)) {
    throw invalidEncryptionParameters({
      reason: `the request is encrypted with alg ${JSON.stringify(header.alg)} and enc ${JSON.stringify(header.enc)}`,
      help: `Use alg ${ENCRYPTION_ALGS.join(', ')} and one of enc ${ENCRYPTION_ENCS.join(', ')} (credential_request_encryption)`,
      specRef: SPEC_REF,
    });
  }
  if (header.kid !== undefined && header.kid !== key.kid) {
    throw invalidEncryptionParameters({ reason: `the request is encrypted to kid ${JSON.stringify(header.kid)}, not this issuer's key ${key.kid}`, help: 'Fetch the issuer metadata again and encrypt to the key of credential_request_encryption.jwks', specRef: SPEC_REF });
  }
  let plaintext: Uint8Array;
  try {
    ({ plaintext } = await compactDecrypt(jwe, key.privateKey, { keyManagementAlgorithms: [...ENCRYPTION_ALGS], contentEncryptionAlgorithms: [...ENCRYPTION_ENCS] }));
  } catch (error) {
    throw invalidCredentialRequest({ reason: `the encrypted request does not decrypt with the issuer's key (${(error as Error).message})`, help: 'Encrypt to the key of credential_request_encryption.jwks', specRef: SPEC_REF, description: 'The encrypted credential request cannot be decrypted', cause: error });
  }
  try {
    return JSON.parse(Buffer.from(plaintext).toString('utf8')) as unknown;
  } catch {
    throw invalidCredentialRequest({ reason: 'the decrypted request is not JSON', help: 'Encrypt the JSON credential request as the JWE payload', specRef: SPEC_REF, description: 'The decrypted credential request is not JSON' });
  }
}
