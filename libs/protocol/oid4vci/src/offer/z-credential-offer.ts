import { z } from 'zod';
import { PRE_AUTHORIZED_CODE_GRANT_TYPE } from '../grant-types.js';
import { zHttpsUrl } from '../z-https-url.js';
import { zTxCode } from './tx-code.js';

// OID4VCI 1.0 Section 4.1.1: grant type `urn:ietf:params:oauth:grant-type:pre-authorized_code`.
export const zPreAuthorizedCodeGrant = z
  .object({
    'pre-authorized_code': z.string().min(1),
    tx_code: zTxCode.optional(),
    authorization_server: z.string().min(1).optional(),
  })
  .loose();

// OID4VCI 1.0 Section 4.1.1: grant type `authorization_code`.
export const zAuthorizationCodeGrant = z
  .object({
    issuer_state: z.string().min(1).optional(),
    authorization_server: z.string().min(1).optional(),
  })
  .loose();

// OID4VCI 1.0 Section 4.1.1: unrecognised parameters and grant types are kept (the Wallet MUST ignore them).
export const zCredentialOffer = z
  .object({
    credential_issuer: zHttpsUrl,
    credential_configuration_ids: z
      .array(z.string().min(1))
      .min(1)
      .refine((ids) => new Set(ids).size === ids.length, { error: 'must not repeat an id' }),
    grants: z
      .object({
        authorization_code: zAuthorizationCodeGrant.optional(),
        [PRE_AUTHORIZED_CODE_GRANT_TYPE]: zPreAuthorizedCodeGrant.optional(),
      })
      .loose()
      .optional(),
  })
  .loose();

export type CredentialOffer = z.infer<typeof zCredentialOffer>;
export type PreAuthorizedCodeGrant = z.infer<typeof zPreAuthorizedCodeGrant>;
