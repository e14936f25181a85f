import { invalidEncryptionParameters } from '@issuer/protocol-errors';
import { CompactEncrypt, importJWK, type JWK } from 'jose';
import type { CredentialResponseEncryption } from '../credential-request/z-credential-request.js';
import { ENCRYPTION_ALGS, ENCRYPTION_ENCS } from './encryption-support.js';

const SPEC_REF = 'OID4VCI 1.0 Section 8.2';

/**
 * Checks `credential_response_encryption` before anything is issued: the JWK's `alg` is the JWE
 * `alg` (Section 10), both supported, no compression (none is offered). Throws
 * `invalid_encryption_parameters` with what to send instead.
 */
export async function checkCredentialResponseEncryption(parameters: CredentialResponseEncryption): Promise<void> {
  const { jwk, enc, zip } = parameters;
  const alg = (jwk as { alg?: unknown }).alg;
  const problem =
    !(ENCRYPTION_ALGS as readonly unknown[]).includes(alg) ? `jwk.alg ${JSON.stringify(alg)} is not one of ${ENCRYPTION_ALGS.join(', ')}`
    : !(ENCRYPTION_ENCS as readonly unknown[]).includes(enc) ? `enc ${JSON.stringify(enc)} is not one of ${ENCRYPTION_ENCS.join(', ')}`
    : zip !== undefined ? `zip ${JSON.stringify(zip)} was asked for, but this issuer offers no compression`
    : 'd' in jwk ? 'jwk contains a private key'
    : undefined;
  if (problem === undefined) {
    try {
      await importJWK(jwk as JWK, alg as string);
      return;
    } catch (error) {
      throw invalidEncryptionParameters({ reason: `credential_response_encryption.jwk is not a usable public key (${(error as Error).message})`, help: 'Send a public EC P-256 JWK with "alg": "ECDH-ES"', specRef: SPEC_REF, cause: error });
    }
  }
  throw invalidEncryptionParameters({
    reason: `credential_response_encryption: ${problem}`,
    help: `Send { "jwk": <public key with "alg": "${ENCRYPTION_ALGS[0]}">, "enc": one of ${ENCRYPTION_ENCS.join(', ')} } and no zip (credential_response_encryption in the issuer metadata)`,
    specRef: SPEC_REF,
  });
}

/** OID4VCI 1.0 Sections 8.3 and 10: the response as the JSON payload of a JWE to the wallet's key. */
export async function encryptCredentialResponse(response: object, parameters: CredentialResponseEncryption): Promise<string> {
  const jwk = parameters.jwk as JWK;
  const alg = jwk.alg as string;
  const key = await importJWK(jwk, alg);
  return new CompactEncrypt(Buffer.from(JSON.stringify(response)))
    .setProtectedHeader({ alg, enc: parameters.enc, ...(typeof jwk.kid === 'string' && { kid: jwk.kid }) })
    .encrypt(key);
}
