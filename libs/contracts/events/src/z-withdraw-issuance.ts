import { z } from 'zod';

/** The operator deleted the issuance: the authorization server forgets its pre-authorized code, issuer_state and unredeemed authorization requests. */
export const zWithdrawIssuanceV1 = z.object({
  sessionId: z.string().min(1),
  issuanceId: z.string().min(1),
});

export const zWithdrawIssuanceReplyV1 = z.object({ ok: z.literal(true) });

export type WithdrawIssuanceV1 = z.infer<typeof zWithdrawIssuanceV1>;
export type WithdrawIssuanceReplyV1 = z.infer<typeof zWithdrawIssuanceReplyV1>;
