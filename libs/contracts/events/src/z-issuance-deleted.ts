import { z } from 'zod';

/** The operator deleted the issuance record; credentials already issued keep their status. */
export const zIssuanceDeletedV1 = z.object({
  issuanceId: z.string().min(1),
});

export type IssuanceDeletedV1 = z.infer<typeof zIssuanceDeletedV1>;
