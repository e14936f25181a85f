import { Inject, Injectable } from '@nestjs/common';
import type { zIssuanceDenied } from '@issuer/contracts-routes';
import type { z } from 'zod';
import { createEnvelope, subjects } from '@issuer/contracts-events';
import type { Issuance, OfferRepository } from '@issuer/data-access-offer';
import { OutboxRelay, currentTraceparent, parseWithSchema, type RequestTimeline } from '@issuer/nest';
import { conflict, notFound } from '@issuer/protocol-errors';
import { OFFER_OUTBOX, OFFER_REPOSITORY } from '../offer-repository.provider.js';
import { zDenyIssuanceRequest } from './z-supply-claims-request.js';

/** Until a credential was issued, a deferred issuance can be denied. */
const DENIABLE = ['offer_sent', 'offer_received', 'credential_deferred'];

/**
 * `POST /admin/v1/issuances/{id}/deny`: the issuer will not issue. From then on the wallet gets
 * `credential_request_denied` (OID4VCI 1.0 Section 9.3) at the credential and deferred credential
 * endpoints; the operator's reason goes on the session's timeline, not to the wallet.
 */
@Injectable()
export class DenyIssuance {
  constructor(
    @Inject(OFFER_REPOSITORY) private readonly repository: OfferRepository,
    @Inject(OFFER_OUTBOX) private readonly outbox: OutboxRelay,
  ) {}

  async execute(id: string, body: unknown, timeline: RequestTimeline) {
    const { reason } = parseWithSchema(zDenyIssuanceRequest, body, {
      what: 'deny request',
      help: 'Send { "reason": "..." }: why the credential will not be issued (shown on the session timeline).',
      specRef: 'OID4VCI 1.0 Section 9.3',
    });
    const issuance = await this.find(id);
    timeline.setSession(issuance.sessionId);
    checkDeniable(issuance);

    const event = createEnvelope({ traceparent: currentTraceparent(), type: subjects.credentialDenied, version: 1, sessionId: issuance.sessionId, data: { issuanceId: id, reason } });
    const events = [{ subject: event.type, envelope: event }];
    if (!(await this.repository.denyIssuance(id, reason, DENIABLE, events))) {
      checkDeniable(await this.find(id));
      throw conflict({ reason: `Issuance ${id} changed while it was being denied.`, help: 'Read the issuance again and retry.' });
    }
    void this.outbox.publishCommitted(events);
    timeline.info('Issuance denied by the issuer', { issuance_id: id, reason });
    return { id, status: 'issuance_denied', denial_reason: reason } satisfies z.infer<typeof zIssuanceDenied>;
  }

  private async find(id: string): Promise<Issuance> {
    const issuance = await this.repository.findIssuance(id);
    if (!issuance) throw notFound({ reason: `No issuance with id ${id}.`, help: 'Use the id returned when the issuance was created.' });
    return issuance;
  }
}

function checkDeniable(issuance: Issuance): void {
  if (!issuance.deferred) {
    throw conflict({
      reason: `Issuance ${issuance.id} is not deferred; only deferred issuances are denied.`,
      help: 'Revoke the credentials of an issued issuance instead (POST /admin/v1/issuances/{id}/revoke).',
    });
  }
  if (issuance.status === 'issuance_denied') {
    throw conflict({ reason: `Issuance ${issuance.id} was already denied (${issuance.denialReason ?? 'no reason'}).`, help: 'Nothing to do: the wallet is refused already.' });
  }
  if (!DENIABLE.includes(issuance.status)) {
    throw conflict({
      reason: `Issuance ${issuance.id} has issued credentials (status ${issuance.status}); it can no longer be denied.`,
      help: 'Revoke its credentials instead (POST /admin/v1/issuances/{id}/revoke).',
      specRef: 'Token Status List Section 7.1',
    });
  }
}
