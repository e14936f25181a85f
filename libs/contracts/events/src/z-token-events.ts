import { z } from 'zod';
import { zGrantType } from './z-grant-type.js';

export const zIssuanceTokenIssuedV1 = z.object({
  issuanceId: z.string().min(1),
  grantType: zGrantType,
  credentialConfigurationIds: z.array(z.string().min(1)).min(1),
  dpopBound: z.boolean(),
  clientId: z.string().min(1).optional(),
});

export type IssuanceTokenIssuedV1 = z.infer<typeof zIssuanceTokenIssuedV1>;
