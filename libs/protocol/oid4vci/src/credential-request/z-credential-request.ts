import { z } from 'zod';

// OID4VCI 1.0 Appendix F: `jwt` and `attestation` carry compact JWTs, `di_vp` W3C Verifiable Presentations.
export const PROOF_TYPES = ['jwt', 'attestation', 'di_vp'] as const;
export type ProofType = (typeof PROOF_TYPES)[number];

// OID4VCI 1.0 Section 8.2: exactly one proof type, its value a non-empty array.
export const zCredentialRequestProofs = z.union([
  z.strictObject({ jwt: z.array(z.string().min(1)).min(1) }),
  // OID4VCI 1.0 Appendix F: the `attestation` array contains exactly one JWT.
  z.strictObject({ attestation: z.array(z.string().min(1)).length(1) }),
  z.strictObject({ di_vp: z.array(z.record(z.string(), z.unknown())).min(1) }),
]);

export type CredentialRequestProofs = z.infer<typeof zCredentialRequestProofs>;

// OID4VCI 1.0 Section 8.2: credential_response_encryption.
export const zCredentialResponseEncryption = z
  .object({
    jwk: z.looseObject({ kty: z.string().min(1) }),
    enc: z.string().min(1),
    zip: z.string().min(1).optional(),
  })
  .loose();

export type CredentialResponseEncryption = z.infer<typeof zCredentialResponseEncryption>;

/** OID4VCI 1.0 Section 8.2: the Credential Request; unrecognised parameters are ignored. */
export const zCredentialRequest = z
  .object({
    credential_identifier: z.string().min(1).optional(),
    credential_configuration_id: z.string().min(1).optional(),
    proofs: zCredentialRequestProofs.optional(),
    credential_response_encryption: zCredentialResponseEncryption.optional(),
  })
  .loose();

export type CredentialRequestBody = z.infer<typeof zCredentialRequest>;

export const CREDENTIAL_REQUEST_MEMBERS: ReadonlySet<string> = new Set(['credential_identifier', 'credential_configuration_id', 'proofs', 'credential_response_encryption']);
