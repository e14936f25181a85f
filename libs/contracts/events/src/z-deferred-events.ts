import { z } from 'zod';

/** The operator supplied claims for these credential configurations of a deferred issuance; the claims stay in the offer-service. */
export const zIssuanceClaimsSuppliedV1 = z.object({
  issuanceId: z.string().min(1),
  credentialConfigurationIds: z.array(z.string().min(1)).min(1),
});

/** The operator denied a deferred issuance (OID4VCI 1.0 Section 9.3: `credential_request_denied` from then on). */
export const zIssuanceCredentialDeniedV1 = z.object({
  issuanceId: z.string().min(1),
  reason: z.string().min(1),
});

export type IssuanceClaimsSuppliedV1 = z.infer<typeof zIssuanceClaimsSuppliedV1>;
export type IssuanceCredentialDeniedV1 = z.infer<typeof zIssuanceCredentialDeniedV1>;
