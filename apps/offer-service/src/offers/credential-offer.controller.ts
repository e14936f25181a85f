import { Controller, Get, Header, Inject, Param } from '@nestjs/common';
import { createEnvelope, readTestBehaviours, subjects } from '@issuer/contracts-events';
import type { Issuance, OfferRepository } from '@issuer/data-access-offer';
import { CLOCK, OutboxRelay, Timeline, type Clock, type RequestTimeline, currentTraceparent } from '@issuer/nest';
import { notFound } from '@issuer/protocol-errors';
import { OFFER_OUTBOX, OFFER_REPOSITORY } from '../offer-repository.provider.js';

/** OID4VCI 1.0 Section 4.1.3: the credential offer by reference (`credential_offer_uri`). */
@Controller('credential-offers')
export class CredentialOfferController {
  constructor(
    @Inject(OFFER_REPOSITORY) private readonly repository: OfferRepository,
    @Inject(OFFER_OUTBOX) private readonly outbox: OutboxRelay,
    @Inject(CLOCK) private readonly now: Clock,
  ) {}

  @Get(':offerId')
  @Header('Cache-Control', 'no-store')
  async get(@Param('offerId') offerId: string, @Timeline() timeline: RequestTimeline) {
    const issuance = await this.repository.findIssuanceByOfferId(offerId);
    // NEGATIVE-TESTS O1: unknown and expired offers look the same and carry no detail.
    if (!issuance || issuance.offerExpiresAt.getTime() <= this.now() * 1000) {
      if (issuance) this.expiredByTestBehaviour(issuance, timeline);
      throw notFound({
        reason: issuance ? 'The credential offer has expired.' : 'No credential offer has this id.',
        help: 'Ask the issuer for a new credential offer.',
        specRef: 'OID4VCI 1.0 Section 4.1.3',
        description: 'Credential offer not found',
      });
    }
    timeline.setSession(issuance.sessionId);
    const event = createEnvelope({ traceparent: currentTraceparent(), type: subjects.offerRetrieved, version: 1, sessionId: issuance.sessionId, data: { issuanceId: issuance.id, offerId } });
    const events = [{ subject: event.type, envelope: event }];
    await this.repository.markOfferRetrieved(offerId, events);
    void this.outbox.publishCommitted(events);
    timeline.info('Credential offer retrieved', { credential_configuration_ids: (issuance.credentialOffer as { credential_configuration_ids?: string[] }).credential_configuration_ids });
    return issuance.credentialOffer;
  }

  private expiredByTestBehaviour(issuance: Issuance, timeline: RequestTimeline): void {
    const expiresIn = readTestBehaviours(issuance.testBehaviours).offer_expires_in;
    if (expiresIn === undefined) return;
    timeline.setSession(issuance.sessionId);
    timeline.testBehaviourApplied({
      behaviour: 'offer_expires_in',
      reason: `This issuance's credential offer expired ${expiresIn} s after it was created, at ${issuance.offerExpiresAt.toISOString()}.`,
      help: 'Ask the issuer for a new credential offer; a wallet should say that the offer expired.',
      spec_ref: 'OID4VCI 1.0 Section 4.1.3',
    });
  }
}
