import { z } from 'zod';

/** A wallet request that was rejected: the endpoint, the OAuth/OID4VCI error code and the HTTP status. */
export const zIssuanceRequestFailedV1 = z.object({
  endpoint: z.string().min(1),
  error: z.string().min(1),
  status: z.number().int().min(400).max(599),
});

export type IssuanceRequestFailedV1 = z.infer<typeof zIssuanceRequestFailedV1>;
