import { Inject, Injectable } from '@nestjs/common';
import type { zClaimsSupplied } from '@issuer/contracts-routes';
import type { z } from 'zod';
import { createEnvelope, subjects } from '@issuer/contracts-events';
import type { Issuance, OfferRepository } from '@issuer/data-access-offer';
import { CREDENTIAL_CONFIGURATIONS, OutboxRelay, PLATFORM_CONFIG, currentTraceparent, parseWithSchema, type CredentialConfigurations, type PlatformConfig, type RequestTimeline } from '@issuer/nest';
import { conflict, notFound } from '@issuer/protocol-errors';
import { effectiveProfile } from '@issuer/protocol-oid4vci';
import { OFFER_OUTBOX, OFFER_REPOSITORY } from '../offer-repository.provider.js';
import { applySuppliedClaims } from './apply-supplied-claims.js';
import { awaitingClaims } from './awaiting-claims.js';
import { checkIssuanceCredentials } from './check-issuance-credentials.js';
import { zSupplyClaimsRequest } from './z-supply-claims-request.js';

/**
 * `POST /admin/v1/issuances/{id}/claims`: the claims of a deferred issuance, checked as at creation.
 * The deferred-service learns of them by event; a wallet polling the deferred credential endpoint
 * gets its credentials from then on, a wallet yet to come gets them at once.
 */
@Injectable()
export class SupplyDeferredClaims {
  constructor(
    @Inject(OFFER_REPOSITORY) private readonly repository: OfferRepository,
    @Inject(OFFER_OUTBOX) private readonly outbox: OutboxRelay,
    @Inject(CREDENTIAL_CONFIGURATIONS) private readonly configurations: CredentialConfigurations,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {}

  async execute(id: string, body: unknown, timeline: RequestTimeline) {
    const request = parseWithSchema(zSupplyClaimsRequest, body, {
      what: 'claims request',
      help: 'Send { "credentials": [{ "credential_configuration_id": "...", "claims": { ... } }] } for the credentials the deferred issuance waits for.',
      specRef: 'OID4VCI 1.0 Section 9',
    });
    const issuance = await this.find(id);
    timeline.setSession(issuance.sessionId);
    checkSupplyable(issuance);
    checkIssuanceCredentials(this.configurations, request.credentials, effectiveProfile(issuance.compatibilityProfile, this.config.compatibilityProfile));
    const credentials = applySuppliedClaims(id, issuance.credentials, request.credentials);

    const configurationIds = request.credentials.map((credential) => credential.credential_configuration_id);
    const event = createEnvelope({
      traceparent: currentTraceparent(),
      type: subjects.claimsSupplied,
      version: 1,
      sessionId: issuance.sessionId,
      data: { issuanceId: id, credentialConfigurationIds: configurationIds },
    });
    const events = [{ subject: event.type, envelope: event }];
    if (!(await this.repository.supplyClaims(id, issuance.credentials, credentials, events))) {
      const current = await this.find(id);
      checkSupplyable(current);
      throw conflict({
        reason: `Issuance ${id} changed while the claims were being supplied.`,
        help: 'Read the issuance again (GET /admin/v1/issuances/{id}) and supply the claims it still awaits.',
      });
    }
    void this.outbox.publishCommitted(events);
    const awaiting = awaitingClaims(credentials);
    timeline.info('Deferred claims supplied', { issuance_id: id, credential_configuration_ids: configurationIds, awaiting_claims: awaiting });
    return { id, status: issuance.status, deferred: true, awaiting_claims: awaiting } satisfies z.infer<typeof zClaimsSupplied>;
  }

  private async find(id: string): Promise<Issuance> {
    const issuance = await this.repository.findIssuance(id);
    if (!issuance) throw notFound({ reason: `No issuance with id ${id}.`, help: 'Use the id returned when the issuance was created.' });
    return issuance;
  }
}

function checkSupplyable(issuance: Issuance): void {
  if (!issuance.deferred) {
    throw conflict({
      reason: `Issuance ${issuance.id} is not deferred: its claims were given when it was created.`,
      help: 'Create the issuance with "deferred": true to supply its claims later.',
    });
  }
  if (issuance.status === 'issuance_denied') {
    throw conflict({
      reason: `Issuance ${issuance.id} was denied (${issuance.denialReason ?? 'no reason'}); it takes no claims.`,
      help: 'Create a new issuance to issue the credential.',
    });
  }
}
