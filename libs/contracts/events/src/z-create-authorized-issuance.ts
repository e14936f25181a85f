import { z } from 'zod';

/**
 * A wallet-initiated authorization (no credential offer): once the End-User logged in and consented,
 * the auth-service asks the offer-service for the issuance record their claims feed.
 */
export const zCreateAuthorizedIssuanceV1 = z.object({
  sessionId: z.string().min(1),
  subject: z.string().min(1),
  credentials: z.array(z.object({ credential_configuration_id: z.string().min(1), claims: z.record(z.string(), z.unknown()) })).min(1),
});

export const zCreateAuthorizedIssuanceReplyV1 = z.union([
  z.object({ issuanceId: z.string().min(1) }),
  z.object({ error: z.literal('invalid_claims'), reason: z.string() }),
]);

export type CreateAuthorizedIssuanceV1 = z.infer<typeof zCreateAuthorizedIssuanceV1>;
export type CreateAuthorizedIssuanceReplyV1 = z.infer<typeof zCreateAuthorizedIssuanceReplyV1>;
