import { z } from 'zod';
import { zTestBehaviours } from '@issuer/contracts-events';
import { zCompatibilityProfile, zTxCode } from '@issuer/protocol-oid4vci';
import { credentialOfferEndpointMisfit } from '../offer-push/credential-offer-endpoint-misfit.js';
import { txCodeValueMisfit } from './tx-code-value.js';

export const zIssuanceCredential = z.object({
  credential_configuration_id: z.string().min(1),
  claims: z.record(z.string(), z.unknown()),
});

export const zCreateIssuanceRequest = z
  .object({
    credentials: z.array(zIssuanceCredential.partial({ claims: true })).min(1),
    grant: z
      .discriminatedUnion('type', [
        z.object({
          type: z.literal('pre-authorized_code'),
          tx_code: zTxCode
            .extend({ value: z.string().min(1).optional().describe('The transaction code to use instead of a generated one; never put in the offer') })
            .superRefine((txCode, ctx) => {
              const misfit = txCode.value === undefined ? null : txCodeValueMisfit(txCode.value, txCode);
              if (misfit) ctx.addIssue({ code: 'custom', path: ['value'], message: misfit });
            })
            .optional(),
        }),
        // OID4VCI 1.0 Section 4.1.1: the wallet starts the authorization code flow with the offer's issuer_state.
        z.object({ type: z.literal('authorization_code') }),
      ])
      .default({ type: 'pre-authorized_code' }),
    url_scheme: z.enum(['openid-credential-offer://', 'haip-vci://']).default('openid-credential-offer://'),
    /** How this issuance meets draft requests; absent follows the issuer's COMPATIBILITY_PROFILE. */
    compatibility_profile: zCompatibilityProfile.optional(),
    /** Key proofs must carry a key attestation (OID4VCI 1.0 Appendix D), whatever the configuration asks. */
    require_key_attestation: z.boolean().default(false),
    /** Only wallets authenticated by Wallet Attestation (HAIP 1.0 Section 4.4.1) may redeem the offer. */
    require_wallet_attestation: z.boolean().default(false),
    /** OID4VCI 1.0 Section 9: claims may come later (POST .../claims); the wallet then gets a transaction_id. */
    deferred: z.boolean().default(false),
    test_behaviours: zTestBehaviours.optional(),
    /** Minutes the session's timeline keeps proxy and mesh headers and message signatures, from creation on; off by itself afterwards. */
    verbose_capture_minutes: z.number().int().min(1).max(240).optional(),
    /** OID4VCI 1.0 Section 4: the issuer sends the offer to the Wallet's Credential Offer Endpoint itself. */
    push: z
      .object({
        credential_offer_endpoint: z
          .string()
          .superRefine((value, ctx) => {
            const misfit = credentialOfferEndpointMisfit(value);
            if (misfit) ctx.addIssue({ code: 'custom', message: misfit });
          })
          .describe('https URL of the wallet’s credential_offer_endpoint (http for loopback hosts); the offer is sent as GET with credential_offer_uri'),
      })
      .strict()
      .optional(),
  })
  .superRefine((request, ctx) => {
    if (request.test_behaviours?.pre_authorized_code_expires_in !== undefined && request.grant.type !== 'pre-authorized_code') {
      ctx.addIssue({ code: 'custom', path: ['test_behaviours', 'pre_authorized_code_expires_in'], message: 'needs the pre-authorized_code grant' });
    }
    if (request.test_behaviours?.deferred_ready_after !== undefined && request.deferred) {
      ctx.addIssue({ code: 'custom', path: ['test_behaviours', 'deferred_ready_after'], message: 'needs the claims now: leave out "deferred": true, the credentials become ready by themselves' });
    }
    if (request.deferred) return;
    request.credentials.forEach((credential, index) => {
      if (credential.claims === undefined) {
        ctx.addIssue({ code: 'custom', path: ['credentials', index, 'claims'], message: 'is required unless the issuance is deferred' });
      }
    });
  });

export type CreateIssuanceRequest = z.infer<typeof zCreateIssuanceRequest>;
