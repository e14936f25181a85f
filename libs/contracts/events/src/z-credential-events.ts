import { z } from 'zod';

export const zIssuanceCredentialIssuedV1 = z.object({
  issuanceId: z.string().min(1),
  credentialConfigurationId: z.string().min(1),
  // Not an enum: a format added later must not dead-letter this version at its consumers.
  format: z.string().min(1),
  count: z.number().int().positive(),
  notificationId: z.string().min(1),
  /** Set when the credentials were delivered at the deferred credential endpoint. */
  transactionId: z.string().min(1).optional(),
});

export const zIssuanceCredentialDeferredV1 = z.object({
  issuanceId: z.string().min(1),
  credentialConfigurationId: z.string().min(1),
  transactionId: z.string().min(1),
});

/** The wallet collected the credentials of a deferred transaction: the holder has them (the seeds' credential_acked). */
export const zIssuanceCredentialAckedV1 = z.object({
  issuanceId: z.string().min(1),
  credentialConfigurationId: z.string().min(1),
  transactionId: z.string().min(1),
});

export type IssuanceCredentialIssuedV1 = z.infer<typeof zIssuanceCredentialIssuedV1>;
export type IssuanceCredentialDeferredV1 = z.infer<typeof zIssuanceCredentialDeferredV1>;
export type IssuanceCredentialAckedV1 = z.infer<typeof zIssuanceCredentialAckedV1>;
