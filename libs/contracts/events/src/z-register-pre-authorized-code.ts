import { z } from 'zod';

/** Hashes only: the pre-authorized code and tx_code never travel in clear. */
export const zRegisterPreAuthorizedCodeV1 = z.object({
  sessionId: z.string().min(1),
  issuanceId: z.string().min(1),
  codeHash: z.string().min(1),
  credentialConfigurationIds: z.array(z.string().min(1)).min(1),
  txCodeHash: z.string().min(1).nullable(),
  maxTxCodeAttempts: z.number().int().nonnegative(),
  expiresAt: z.iso.datetime({ offset: true }),
  /** Optional, so v1 senders without it remain valid: null follows the issuer's profile. */
  compatibilityProfile: z.enum(['strict-1.0', 'haip', 'lenient']).nullable().optional(),
  /** Optional too: the issuance's require_key_attestation and require_wallet_attestation. */
  requireKeyAttestation: z.boolean().optional(),
  requireWalletAttestation: z.boolean().optional(),
  /** Optional too: the issuance's test behaviours (zTestBehaviours), carried in its access tokens. */
  testBehaviours: z.record(z.string(), z.unknown()).optional(),
});

export const zRegisterPreAuthorizedCodeReplyV1 = z.object({ ok: z.literal(true) });

export type RegisterPreAuthorizedCodeV1 = z.infer<typeof zRegisterPreAuthorizedCodeV1>;
export type RegisterPreAuthorizedCodeReplyV1 = z.infer<typeof zRegisterPreAuthorizedCodeReplyV1>;
