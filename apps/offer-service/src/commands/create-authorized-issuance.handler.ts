import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { Inject, Injectable } from '@nestjs/common';
import { commands, createEnvelope, parseCommand, subjects, type Envelope } from '@issuer/contracts-events';
import type { OfferRepository } from '@issuer/data-access-offer';
import { randomToken } from '@issuer/crypto';
import { CLOCK, CREDENTIAL_CONFIGURATIONS, OutboxRelay, PLATFORM_CONFIG, currentTraceparent, type Clock, type CredentialConfigurations, type PlatformConfig } from '@issuer/nest';
import { isProtocolError } from '@issuer/protocol-errors';
import { AUTHORIZATION_CODE_GRANT_TYPE, buildCredentialOffer } from '@issuer/protocol-oid4vci';
import { checkIssuanceCredentials } from '../issuances/check-issuance-credentials.js';
import { OFFER_OUTBOX, OFFER_REPOSITORY } from '../offer-repository.provider.js';

/**
 * A wallet-initiated authorization (OID4VCI 1.0 Section 3.4, no credential offer): the auth-service
 * asks for the issuance record that the logged-in End-User's claims feed.
 */
@Injectable()
export class CreateAuthorizedIssuanceHandler {
  readonly subject = commands.createAuthorizedIssuance;

  constructor(
    @Inject(OFFER_REPOSITORY) private readonly repository: OfferRepository,
    @Inject(OFFER_OUTBOX) private readonly outbox: OutboxRelay,
    @Inject(CREDENTIAL_CONFIGURATIONS) private readonly configurations: CredentialConfigurations,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
    @Inject(CLOCK) private readonly now: Clock,
  ) {}

  async handle(envelope: Envelope) {
    const command = parseCommand(commands.createAuthorizedIssuance, envelope);
    try {
      checkIssuanceCredentials(this.configurations, command.credentials, this.config.compatibilityProfile);
    } catch (error) {
      if (isProtocolError(error)) return { error: 'invalid_claims' as const, reason: error.reason };
      throw error;
    }
    const issuanceId = randomUUID();
    const offerId = randomToken(24);
    const configurationIds = [...new Set(command.credentials.map((credential) => credential.credential_configuration_id))];
    const event = createEnvelope({
      traceparent: currentTraceparent(),
      type: subjects.offerCreated,
      version: 1,
      sessionId: command.sessionId,
      data: { issuanceId, credentialConfigurationIds: configurationIds, grantType: AUTHORIZATION_CODE_GRANT_TYPE, offerId },
    });
    const events = [{ subject: event.type, envelope: event }];
    // The login form of one request posted twice at once: both logins get the session's one issuance.
    const stored = await this.repository.createIssuanceOfSession(
      {
        id: issuanceId,
        sessionId: command.sessionId,
        offerId,
        // No offer was shown: the wallet asked for the credential itself.
        status: 'offer_received',
        credentials: command.credentials,
        grantType: 'authorization_code',
        txCodeSpec: null,
        credentialOffer: buildCredentialOffer({ credentialIssuer: this.config.publicUrl, credentialConfigurationIds: configurationIds }),
        offerExpiresAt: new Date((this.now() + this.config.preAuthorizedCodeTtlSeconds) * 1000),
        compatibilityProfile: null,
      },
      events,
    );
    if (stored?.id === issuanceId) void this.outbox.publishCommitted(events);
    else if (!stored || !isDeepStrictEqual(stored.credentials, command.credentials)) {
      return { error: 'invalid_claims' as const, reason: 'another login for this authorization request, with other claims, is under way' };
    }
    return { issuanceId: stored.id };
  }
}
