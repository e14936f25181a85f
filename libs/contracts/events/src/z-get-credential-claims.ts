import { z } from 'zod';

export const zGetCredentialClaimsV1 = z.object({
  sessionId: z.string().min(1),
});

export const zGetCredentialClaimsReplyV1 = z.union([
  z.object({
    issuanceId: z.string().min(1),
    credentials: z.array(
      z.object({
        credential_configuration_id: z.string().min(1),
        claims: z.record(z.string(), z.unknown()),
      }),
    ),
  }),
  z.object({ error: z.literal('not_found') }),
]);

export type GetCredentialClaimsV1 = z.infer<typeof zGetCredentialClaimsV1>;
export type GetCredentialClaimsReplyV1 = z.infer<typeof zGetCredentialClaimsReplyV1>;
