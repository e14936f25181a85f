import { z } from 'zod';
import { zGrantType } from './z-grant-type.js';

export const zIssuanceOfferCreatedV1 = z.object({
  issuanceId: z.string().min(1),
  credentialConfigurationIds: z.array(z.string().min(1)).min(1),
  grantType: zGrantType,
  offerId: z.string().min(1),
  /** Asked for at creation: the session's timeline keeps verbose-only headers until then. */
  verboseCaptureUntil: z.iso.datetime().optional(),
});

export const zIssuanceOfferRetrievedV1 = z.object({
  issuanceId: z.string().min(1),
  offerId: z.string().min(1),
});

export type IssuanceOfferCreatedV1 = z.infer<typeof zIssuanceOfferCreatedV1>;
export type IssuanceOfferRetrievedV1 = z.infer<typeof zIssuanceOfferRetrievedV1>;
