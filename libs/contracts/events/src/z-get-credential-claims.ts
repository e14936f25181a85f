import { z } from 'zod';

export const zGetCredentialClaimsV1 = z.object({
  sessionId: z.string().min(1),
});

export const zGetCredentialClaimsReplyV1 = z.union([
  z.object({
    issuanceId: z.string().min(1),
    /** The credentials whose claims are known: issue them. */
    credentials: z.array(
      z.object({
        credential_configuration_id: z.string().min(1),
        claims: z.record(z.string(), z.unknown()),
      }),
    ),
    /** Deferred issuance: configurations whose claims the operator has not supplied yet. */
    awaitingClaims: z.array(z.string().min(1)).optional(),
    /** Deferred issuance the operator denied; `credentials` is then empty. */
    denied: z.object({ reason: z.string() }).optional(),
  }),
  z.object({ error: z.literal('not_found') }),
]);

export type GetCredentialClaimsV1 = z.infer<typeof zGetCredentialClaimsV1>;
export type GetCredentialClaimsReplyV1 = z.infer<typeof zGetCredentialClaimsReplyV1>;
