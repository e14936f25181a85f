import { z } from 'zod';

/** A management API key, as the services other than the offer-service check it: its id and the SHA-256 of its secret, never the secret. */
export const zVerifyApiKeyV1 = z.object({
  keyId: z.string().min(1),
  secretHash: z.string().regex(/^[0-9a-f]{64}$/),
});

export const zVerifyApiKeyReplyV1 = z.union([
  z.object({ scopes: z.array(z.enum(['read', 'write', 'admin'])) }),
  z.object({ error: z.enum(['unknown', 'revoked']) }),
]);

export type VerifyApiKeyV1 = z.infer<typeof zVerifyApiKeyV1>;
export type VerifyApiKeyReplyV1 = z.infer<typeof zVerifyApiKeyReplyV1>;
