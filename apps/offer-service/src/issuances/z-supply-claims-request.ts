import { z } from 'zod';
import { zIssuanceCredential } from './z-create-issuance-request.js';

/** `POST /admin/v1/issuances/{id}/claims`: the claims of a deferred issuance's credentials, as at creation. */
export const zSupplyClaimsRequest = z.object({
  credentials: z.array(zIssuanceCredential).min(1),
});

/** `POST /admin/v1/issuances/{id}/deny`: why the issuer will not issue. */
export const zDenyIssuanceRequest = z.object({
  reason: z.string().trim().min(1).max(1000),
});
