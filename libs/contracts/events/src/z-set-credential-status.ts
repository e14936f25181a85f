import { z } from 'zod';

/** The management API asks the credential-service to revoke, suspend or reinstate an issuance's credentials. */
export const zSetCredentialStatusV1 = z.object({
  issuanceId: z.string().min(1),
  status: z.enum(['revoked', 'suspended', 'valid']),
});

/** `unchanged` when the credentials already had that status, or are revoked for good; `no_credentials` when none was issued. */
export const zSetCredentialStatusReplyV1 = z.object({ outcome: z.enum(['changed', 'unchanged', 'no_credentials']) });

export type SetCredentialStatusV1 = z.infer<typeof zSetCredentialStatusV1>;
export type SetCredentialStatusReplyV1 = z.infer<typeof zSetCredentialStatusReplyV1>;
