import { readTestBehaviours } from '@issuer/contracts-events';
import type { zIssuance } from '@issuer/contracts-routes';
import type { Issuance } from '@issuer/data-access-offer';
import type { PlatformConfig } from '@issuer/nest';
import type { z } from 'zod';
import { awaitingClaims } from './awaiting-claims.js';
import { offerLinks } from './offer-links.js';

/** An issuance as `GET /admin/v1/issuances` and `GET /admin/v1/issuances/{id}` show it. */
export function issuanceResource(issuance: Issuance, config: Pick<PlatformConfig, 'publicUrl' | 'compatibilityProfile'>): z.infer<typeof zIssuance> {
  return {
    id: issuance.id,
    session_id: issuance.sessionId,
    status: issuance.status,
    grant_type: issuance.grantType,
    credential_configuration_ids: issuance.credentials.map((credential) => credential.credential_configuration_id),
    compatibility_profile: issuance.compatibilityProfile ?? config.compatibilityProfile,
    credential_status: issuance.credentialStatus,
    ...offerLinks(config.publicUrl, issuance),
    deferred: issuance.deferred,
    ...(issuance.deferred && { awaiting_claims: awaitingClaims(issuance.credentials) }),
    ...(issuance.denialReason !== null && { denial_reason: issuance.denialReason }),
    ...(issuance.testBehaviours !== null && { test_behaviours: readTestBehaviours(issuance.testBehaviours) }),
    ...(issuance.pushEndpoint !== null && {
      push: {
        credential_offer_endpoint: issuance.pushEndpoint,
        state: issuance.pushState ?? 'pending',
        status_code: issuance.pushStatusCode,
        error: issuance.pushError,
        pushed_at: issuance.pushedAt?.toISOString() ?? null,
      },
    }),
    created_at: issuance.createdAt.toISOString(),
    updated_at: issuance.updatedAt.toISOString(),
  };
}
