/** What this issuer decrypts and encrypts (OID4VCI 1.0 Section 10; JWE per RFC 7516 and 7518). */
export const ENCRYPTION_ALGS = ['ECDH-ES'] as const;
export const ENCRYPTION_ENCS = ['A128GCM', 'A256GCM'] as const;

/** `credential_request_encryption` and `credential_response_encryption` of the issuer metadata (Section 12.2.4). */
export function encryptionMetadata(requestJwks: { keys: object[] }, required = false) {
  return {
    credential_request_encryption: { jwks: requestJwks, enc_values_supported: [...ENCRYPTION_ENCS], encryption_required: required },
    credential_response_encryption: { alg_values_supported: [...ENCRYPTION_ALGS], enc_values_supported: [...ENCRYPTION_ENCS], encryption_required: required },
  };
}
