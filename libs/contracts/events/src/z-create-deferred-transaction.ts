import { z } from 'zod';

/** A public JWK of a holder key from a verified key proof. */
const zHolderJwk = z.record(z.string(), z.unknown());

/**
 * The credential-service checked a credential request it cannot answer yet (OID4VCI 1.0 Section 8.3)
 * and asks the deferred-service for the transaction the wallet collects the credentials with.
 */
export const zCreateDeferredTransactionV1 = z.object({
  sessionId: z.string().min(1),
  issuanceId: z.string().min(1),
  credentialConfigurationId: z.string().min(1),
  /** One credential per key, bound to it once issued. */
  holderJwks: z.array(zHolderJwk).min(1),
  /** Optional: the deferred_ready_after test behaviour; the claims are known and the credentials ready from then on. */
  readyAt: z.iso.datetime({ offset: true }).optional(),
});

/** OID4VCI 1.0 Section 8.3: the `transaction_id` and `interval` of the 202 response. */
export const zCreateDeferredTransactionReplyV1 = z.object({
  transactionId: z.string().min(1),
  interval: z.number().int().positive(),
});

export type CreateDeferredTransactionV1 = z.infer<typeof zCreateDeferredTransactionV1>;
export type CreateDeferredTransactionReplyV1 = z.infer<typeof zCreateDeferredTransactionReplyV1>;
