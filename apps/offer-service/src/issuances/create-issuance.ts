import { randomUUID } from 'node:crypto';
import type { zCreatedIssuance } from '@issuer/contracts-routes';
import type { z } from 'zod';
import { Inject, Injectable } from '@nestjs/common';
import { commands, createEnvelope, subjects, type CommandSubject, type Envelope, type GrantType, type TestBehaviours } from '@issuer/contracts-events';
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
import { AUTHORIZATION_CODE_GRANT_TYPE, buildCredentialOffer, generateTxCode, PRE_AUTHORIZED_CODE_GRANT_TYPE, type CompatibilityProfile, type TxCode } from '@issuer/protocol-oid4vci';
import { PushOffer } from '../offer-push/push-offer.js';
import { OFFER_OUTBOX, OFFER_REPOSITORY } from '../offer-repository.provider.js';
import { awaitingClaims } from './awaiting-claims.js';
import { checkIssuanceCredentials } from './check-issuance-credentials.js';
import { offerLinks } from './offer-links.js';
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
    private readonly pushOffer: PushOffer,
  ) {}

  async execute(body: unknown, timeline: RequestTimeline) {
    const request = parseWithSchema(zCreateIssuanceRequest, body, {
      what: 'issuance request',
      help: 'Send { "credentials": [{ "credential_configuration_id": "...", "claims": { ... } }], "grant": { "type": "pre-authorized_code", "tx_code": { "input_mode": "numeric", "length": 6 } } } (or "grant": { "type": "authorization_code" }); with "deferred": true the claims may come later.',
    });
    checkIssuanceCredentials(this.configurations, request.credentials, request.compatibility_profile ?? this.config.compatibilityProfile);

    const issuanceId = randomUUID();
    const sessionId = randomToken(16);
    const offerId = randomToken(24);
    const configurationIds = [...new Set(request.credentials.map((credential) => credential.credential_configuration_id))];
    const now = this.now();
    const compatibilityProfile = request.compatibility_profile ?? null;
    const requirements = { requireKeyAttestation: request.require_key_attestation, requireWalletAttestation: request.require_wallet_attestation };
    const testBehaviours = request.test_behaviours;
    const registration = { sessionId, issuanceId, configurationIds, compatibilityProfile, requirements, testBehaviours, now };
    timeline.setSession(sessionId);

    const txCodeRequest = request.grant.type === 'pre-authorized_code' ? request.grant.tx_code : undefined;
    const txCodeSpec = txCodeRequest && offeredTxCode(txCodeRequest);
    const grant = request.grant.type === 'authorization_code' ? await this.registerIssuerState(registration) : await this.registerCode(registration, txCodeSpec, txCodeRequest?.value);
    const credentialOffer = buildCredentialOffer({ credentialIssuer: this.config.publicUrl, credentialConfigurationIds: configurationIds, ...grant.offer });
    const txCode = 'txCode' in grant ? grant.txCode : undefined;
    const verboseCaptureUntil = request.verbose_capture_minutes === undefined ? undefined : new Date((now + request.verbose_capture_minutes * 60) * 1000).toISOString();
    const event = createEnvelope({
      traceparent: currentTraceparent(),
      type: subjects.offerCreated,
      version: 1,
      sessionId,
      data: { issuanceId, credentialConfigurationIds: configurationIds, grantType: grant.grantType, offerId, ...(verboseCaptureUntil && { verboseCaptureUntil }) },
    });
    const events = [{ subject: event.type, envelope: event }];
    const issuance = await this.repository.createIssuance(
      {
        id: issuanceId,
        sessionId,
        offerId,
        status: 'offer_sent',
        credentials: request.credentials,
        grantType: request.grant.type,
        txCodeSpec: txCodeSpec ?? null,
        credentialOffer,
        offerExpiresAt: this.offerExpiry(now, testBehaviours?.offer_expires_in),
        compatibilityProfile,
        deferred: request.deferred,
        urlScheme: request.url_scheme === 'openid-credential-offer://' ? null : request.url_scheme,
        testBehaviours: testBehaviours ?? null,
        pushEndpoint: request.push?.credential_offer_endpoint ?? null,
      },
      events,
    );
    void this.outbox.publishCommitted(events);
    this.pushOffer.start(issuance);
    timeline.info('Issuance created', {
      issuance_id: issuanceId,
      credential_configuration_ids: configurationIds,
      grant_type: request.grant.type,
      tx_code_required: txCode !== undefined,
      deferred: request.deferred,
      ...(request.deferred && { awaiting_claims: awaitingClaims(issuance.credentials) }),
      ...(testBehaviours && { test_behaviours: testBehaviours }),
      ...(issuance.pushEndpoint && { credential_offer_endpoint: issuance.pushEndpoint }),
      ...(verboseCaptureUntil && { verbose_capture_until: verboseCaptureUntil }),
    });

    return {
      id: issuance.id,
      session_id: sessionId,
      status: issuance.status,
      credential_offer: credentialOffer,
      ...offerLinks(this.config.publicUrl, issuance),
      tx_code: txCode ?? null,
      compatibility_profile: compatibilityProfile ?? this.config.compatibilityProfile,
      deferred: issuance.deferred,
      require_key_attestation: request.require_key_attestation,
      require_wallet_attestation: request.require_wallet_attestation,
      ...(testBehaviours && { test_behaviours: testBehaviours }),
      ...(verboseCaptureUntil && { verbose_capture_until: verboseCaptureUntil }),
    } satisfies z.infer<typeof zCreatedIssuance>;
  }

  private async registerCode(input: Registration, txCodeSpec: TxCode | undefined, txCodeValue: string | undefined) {
    const preAuthorizedCode = randomToken(32);
    const txCode = txCodeSpec ? (txCodeValue ?? generateTxCode(txCodeSpec)) : undefined;
    await this.send(
      createEnvelope({
        type: commands.registerPreAuthorizedCode,
        version: 1,
        sessionId: input.sessionId,
        data: {
          sessionId: input.sessionId,
          issuanceId: input.issuanceId,
          codeHash: hashSecret(preAuthorizedCode),
          credentialConfigurationIds: input.configurationIds,
          txCodeHash: txCode ? hashSecret(txCode) : null,
          maxTxCodeAttempts: this.config.txCodeMaxAttempts,
          expiresAt: this.offerExpiry(input.now, input.testBehaviours?.pre_authorized_code_expires_in).toISOString(),
          compatibilityProfile: input.compatibilityProfile,
          ...input.requirements,
          ...(input.testBehaviours && { testBehaviours: input.testBehaviours }),
        },
      }),
      'pre-authorized code',
    );
    return { grantType: PRE_AUTHORIZED_CODE_GRANT_TYPE as GrantType, offer: { preAuthorizedCode, txCode: txCodeSpec }, txCode };
  }

  private async registerIssuerState(input: Registration) {
    const issuerState = randomToken(32);
    await this.send(
      createEnvelope({
        type: commands.registerIssuerState,
        version: 1,
        sessionId: input.sessionId,
        data: {
          sessionId: input.sessionId,
          issuanceId: input.issuanceId,
          issuerStateHash: hashSecret(issuerState),
          credentialConfigurationIds: input.configurationIds,
          expiresAt: this.offerExpiry(input.now).toISOString(),
          compatibilityProfile: input.compatibilityProfile,
          ...input.requirements,
          ...(input.testBehaviours && { testBehaviours: input.testBehaviours }),
        },
      }),
      'issuer_state',
    );
    return { grantType: AUTHORIZATION_CODE_GRANT_TYPE as GrantType, offer: { issuerState } };
  }

  private offerExpiry(now: number, expiresIn = this.config.preAuthorizedCodeTtlSeconds): Date {
    return new Date((now + expiresIn) * 1000);
  }

  private async send(command: Envelope, what: string): Promise<void> {
    try {
      await this.commandBus.request(command.type as CommandSubject, command, { timeoutMs: 5000 });
    } catch (cause) {
      throw temporarilyUnavailable({
        reason: `The authorization server did not confirm the ${what}.`,
        help: 'Retry the request; nothing was created.',
        cause,
      });
    }
  }
}

interface Registration {
  sessionId: string;
  issuanceId: string;
  configurationIds: string[];
  compatibilityProfile: CompatibilityProfile | null;
  requirements: { requireKeyAttestation: boolean; requireWalletAttestation: boolean };
  testBehaviours: TestBehaviours | undefined;
  now: number;
}

// OID4VCI 1.0 Section 4.1.1: the offer describes the tx_code; its value goes to the holder only.
function offeredTxCode({ value: _value, ...offered }: TxCode & { value?: string }): TxCode {
  return offered;
}
