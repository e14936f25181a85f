import { z } from 'zod';

/** The offer-service registers an authorization code offer's issuer_state, hashed, before it shows the offer. */
export const zRegisterIssuerStateV1 = z.object({
  sessionId: z.string().min(1),
  issuanceId: z.string().min(1),
  issuerStateHash: z.string().min(1),
  credentialConfigurationIds: z.array(z.string().min(1)).min(1),
  expiresAt: z.iso.datetime({ offset: true }),
  compatibilityProfile: z.enum(['strict-1.0', 'haip', 'lenient']).nullable(),
  requireKeyAttestation: z.boolean().optional(),
  requireWalletAttestation: z.boolean().optional(),
  /** Optional: the issuance's test behaviours (zTestBehaviours), carried in its access tokens. */
  testBehaviours: z.record(z.string(), z.unknown()).optional(),
});

export const zRegisterIssuerStateReplyV1 = z.object({ ok: z.literal(true) });

export type RegisterIssuerStateV1 = z.infer<typeof zRegisterIssuerStateV1>;
