import { z } from 'zod';

/** The deferred-service redeemed a ready transaction and asks the credential-service to sign its credentials. */
export const zIssueDeferredCredentialV1 = z.object({
  sessionId: z.string().min(1),
  transactionId: z.string().min(1),
  credentialConfigurationId: z.string().min(1),
  holderJwks: z.array(z.record(z.string(), z.unknown())).min(1),
});

/** `pending` when the issuance has no claims for the configuration (yet); `denied` when the operator denied it. */
export const zIssueDeferredCredentialReplyV1 = z.discriminatedUnion('outcome', [
  z.object({
    outcome: z.literal('issued'),
    credentials: z.array(z.object({ credential: z.union([z.string(), z.record(z.string(), z.unknown())]) })).min(1),
    notificationId: z.string().min(1),
  }),
  z.object({ outcome: z.literal('pending') }),
  z.object({ outcome: z.literal('denied'), reason: z.string() }),
]);

export type IssueDeferredCredentialV1 = z.infer<typeof zIssueDeferredCredentialV1>;
export type IssueDeferredCredentialReplyV1 = z.infer<typeof zIssueDeferredCredentialReplyV1>;
