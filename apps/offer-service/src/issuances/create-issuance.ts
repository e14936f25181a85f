import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { commands, createEnvelope, subjects } from '@issuer/contracts-events';
import type { OfferRepository } from '@issuer/data-access-offer';
import { randomToken } from '@issuer/crypto';
import {
  COMMAND_BUS,
  CREDENTIAL_CONFIGURATIONS,
  PLATFORM_CONFIG,
  CLOCK,
  parseWithSchema,
  OutboxRelay,
  type Clock,
  type CommandBus,
  type CredentialConfigurations,
  type PlatformConfig,
  type RequestTimeline,
  currentTraceparent,
} from '@issuer/nest';
import { temporarilyUnavailable } from '@issuer/protocol-errors';
import { hashSecret } from '@issuer/protocol-oauth2';
import { buildCredentialOffer, generateTxCode, offerUrl, PRE_AUTHORIZED_CODE_GRANT_TYPE, type CompatibilityProfile } from '@issuer/protocol-oid4vci';
import { OFFER_OUTBOX, OFFER_REPOSITORY } from '../offer-repository.provider.js';
import { awaitingClaims } from './awaiting-claims.js';
import { checkIssuanceCredentials } from './check-issuance-credentials.js';
import { zCreateIssuanceRequest } from './z-create-issuance-request.js';

/** `POST /admin/v1/issuances`: the issuance record, its offer and its pre-authorized code. */
@Injectable()
export class CreateIssuance {
  constructor(
    @Inject(OFFER_REPOSITORY) private readonly repository: OfferRepository,
    @Inject(OFFER_OUTBOX) private readonly outbox: OutboxRelay,
    @Inject(COMMAND_BUS) private readonly commandBus: CommandBus,
    @Inject(CREDENTIAL_CONFIGURATIONS) private readonly configurations: CredentialConfigurations,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
    @Inject(CLOCK) private readonly now: Clock,
  ) {}

  async execute(body: unknown, timeline: RequestTimeline) {
    const request = parseWithSchema(zCreateIssuanceRequest, body, {
      what: 'issuance request',
      help: 'Send { "credentials": [{ "credential_configuration_id": "...", "claims": { ... } }], "grant": { "type": "pre-authorized_code", "tx_code": { "input_mode": "numeric", "length": 6 } } }; with "deferred": true the claims may come later.',
    });
    checkIssuanceCredentials(this.configurations, request.credentials);

    const issuanceId = randomUUID();
    const sessionId = randomToken(16);
    const offerId = randomToken(24);
    const preAuthorizedCode = randomToken(32);
    const txCodeSpec = request.grant.tx_code;
    const txCode = txCodeSpec ? generateTxCode(txCodeSpec) : undefined;
    const configurationIds = [...new Set(request.credentials.map((credential) => credential.credential_configuration_id))];
    const now = this.now();
    timeline.setSession(sessionId);

    const compatibilityProfile = request.compatibility_profile ?? null;
    await this.registerCode({ sessionId, issuanceId, preAuthorizedCode, txCode, configurationIds, compatibilityProfile, now });

    const credentialOffer = buildCredentialOffer({
      credentialIssuer: this.config.publicUrl,
      credentialConfigurationIds: configurationIds,
      preAuthorizedCode,
      txCode: txCodeSpec,
    });
    const credentialOfferUri = `${this.config.publicUrl}/credential-offers/${offerId}`;
    const event = createEnvelope({
      traceparent: currentTraceparent(),
      type: subjects.offerCreated,
      version: 1,
      sessionId,
      data: { issuanceId, credentialConfigurationIds: configurationIds, grantType: PRE_AUTHORIZED_CODE_GRANT_TYPE, offerId },
    });
    const events = [{ subject: event.type, envelope: event }];
    const issuance = await this.repository.createIssuance(
      {
        id: issuanceId,
        sessionId,
        offerId,
        status: 'offer_sent',
        credentials: request.credentials,
        grantType: 'pre-authorized_code',
        txCodeSpec: txCodeSpec ?? null,
        credentialOffer,
        offerExpiresAt: new Date((now + this.config.preAuthorizedCodeTtlSeconds) * 1000),
        compatibilityProfile,
        deferred: request.deferred,
      },
      events,
    );
    void this.outbox.publishCommitted(events);
    timeline.info('Issuance created', {
      issuance_id: issuanceId,
      credential_configuration_ids: configurationIds,
      tx_code_required: txCode !== undefined,
      deferred: request.deferred,
      ...(request.deferred && { awaiting_claims: awaitingClaims(issuance.credentials) }),
    });

    return {
      id: issuance.id,
      session_id: sessionId,
      status: issuance.status,
      credential_offer: credentialOffer,
      credential_offer_uri: credentialOfferUri,
      offer_url: offerUrl(request.url_scheme, { credential_offer_uri: credentialOfferUri }),
      tx_code: txCode ?? null,
      compatibility_profile: compatibilityProfile ?? this.config.compatibilityProfile,
      deferred: issuance.deferred,
    };
  }

  private async registerCode(input: {
    sessionId: string;
    issuanceId: string;
    preAuthorizedCode: string;
    txCode: string | undefined;
    configurationIds: string[];
    compatibilityProfile: CompatibilityProfile | null;
    now: number;
  }) {
    const command = createEnvelope({
      type: commands.registerPreAuthorizedCode,
      version: 1,
      sessionId: input.sessionId,
      data: {
        sessionId: input.sessionId,
        issuanceId: input.issuanceId,
        codeHash: hashSecret(input.preAuthorizedCode),
        credentialConfigurationIds: input.configurationIds,
        txCodeHash: input.txCode ? hashSecret(input.txCode) : null,
        maxTxCodeAttempts: this.config.txCodeMaxAttempts,
        expiresAt: new Date((input.now + this.config.preAuthorizedCodeTtlSeconds) * 1000).toISOString(),
        compatibilityProfile: input.compatibilityProfile,
      },
    });
    try {
      await this.commandBus.request(commands.registerPreAuthorizedCode, command, { timeoutMs: 5000 });
    } catch (cause) {
      throw temporarilyUnavailable({
        reason: 'The authorization server did not confirm the pre-authorized code.',
        help: 'Retry the request; nothing was created.',
        cause,
      });
    }
  }
}
