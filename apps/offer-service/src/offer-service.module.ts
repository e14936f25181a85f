import { Inject, Module, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { OfferRepository } from '@issuer/data-access-offer';
import { COMMAND_BUS, EVENT_BUS, OutboxRelay, type CommandBus, type EventBus } from '@issuer/nest';
import { ApiKeysController } from './api-keys/api-keys.controller.js';
import { CreateAuthorizedIssuanceHandler } from './commands/create-authorized-issuance.handler.js';
import { ListCredentialConfigurationsHandler } from './commands/list-credential-configurations.handler.js';
import { CredentialConfigurationsController } from './credential-configurations/credential-configurations.controller.js';
import { ManageCredentialConfigurations } from './credential-configurations/manage-credential-configurations.js';
import { GetCredentialClaimsHandler } from './commands/get-credential-claims.handler.js';
import { VerifyApiKeyHandler } from './commands/verify-api-key.handler.js';
import { IssuanceStatusConsumer } from './events/issuance-status.consumer.js';
import { ChangeCredentialStatus } from './issuances/change-credential-status.js';
import { CreateIssuance } from './issuances/create-issuance.js';
import { DeleteIssuance } from './issuances/delete-issuance.js';
import { DenyIssuance } from './issuances/deny-issuance.js';
import { ListIssuances } from './issuances/list-issuances.js';
import { SupplyDeferredClaims } from './issuances/supply-deferred-claims.js';
import { IssuancesController } from './issuances/issuances.controller.js';
import { PushOffer } from './offer-push/push-offer.js';
import { OFFER_OUTBOX, OFFER_REPOSITORY, offerRepositoryProviders } from './offer-repository.provider.js';
import { CredentialOfferController } from './offers/credential-offer.controller.js';
import { DeliverWebhooks } from './webhooks/deliver-webhooks.js';
import { RecordWebhookDeliveriesConsumer } from './webhooks/record-webhook-deliveries.consumer.js';
import { RegisterWebhook } from './webhooks/register-webhook.js';
import { WebhooksController } from './webhooks/webhooks.controller.js';
import { OpenApiController } from './openapi/openapi.controller.js';
import { SwaggerUiController } from './openapi/swagger-ui.controller.js';

/** Management API, credential offers by reference, the issuance records they belong to, and webhooks. */
@Module({
  controllers: [IssuancesController, CredentialConfigurationsController, ApiKeysController, OpenApiController, SwaggerUiController, CredentialOfferController, WebhooksController],
  providers: [
    ...offerRepositoryProviders,
    CreateIssuance,
    ChangeCredentialStatus,
    SupplyDeferredClaims,
    DenyIssuance,
    ListIssuances,
    DeleteIssuance,
    PushOffer,
    GetCredentialClaimsHandler,
    CreateAuthorizedIssuanceHandler,
    VerifyApiKeyHandler,
    ListCredentialConfigurationsHandler,
    ManageCredentialConfigurations,
    IssuanceStatusConsumer,
    RegisterWebhook,
    DeliverWebhooks,
    RecordWebhookDeliveriesConsumer,
  ],
})
export class OfferServiceModule implements OnModuleInit, OnApplicationShutdown {
  private stops: Array<() => Promise<void>> = [];

  constructor(
    @Inject(OFFER_REPOSITORY) private readonly repository: OfferRepository,
    @Inject(OFFER_OUTBOX) private readonly outbox: OutboxRelay,
    @Inject(COMMAND_BUS) private readonly commands: CommandBus,
    @Inject(EVENT_BUS) private readonly events: EventBus,
    private readonly getClaims: GetCredentialClaimsHandler,
    private readonly createAuthorized: CreateAuthorizedIssuanceHandler,
    private readonly statusConsumer: IssuanceStatusConsumer,
    private readonly webhookConsumer: RecordWebhookDeliveriesConsumer,
    private readonly webhookDeliveries: DeliverWebhooks,
    private readonly verifyApiKey: VerifyApiKeyHandler,
    private readonly listConfigurations: ListCredentialConfigurationsHandler,
    private readonly pushOffer: PushOffer,
  ) {}

  async onModuleInit(): Promise<void> {
    const claims = await this.commands.handle(this.getClaims.subject, (envelope) => this.getClaims.handle(envelope));
    const authorized = await this.commands.handle(this.createAuthorized.subject, (envelope) => this.createAuthorized.handle(envelope));
    const apiKeys = await this.commands.handle(this.verifyApiKey.subject, (envelope) => this.verifyApiKey.handle(envelope));
    const configurations = await this.commands.handle(this.listConfigurations.subject, (envelope) => this.listConfigurations.handle(envelope));
    const status = await this.events.subscribeBatch({ durable: this.statusConsumer.durable, subjects: this.statusConsumer.subjects }, (envelopes) =>
      this.statusConsumer.handle(envelopes),
    );
    const webhooks = await this.events.subscribeBatch({ durable: this.webhookConsumer.durable, subjects: this.webhookConsumer.subjects }, (envelopes) =>
      this.webhookConsumer.handle(envelopes),
    );
    this.outbox.start();
    this.webhookDeliveries.start();
    this.stops = [() => claims.stop(), () => authorized.stop(), () => apiKeys.stop(), () => configurations.stop(), () => status.stop(), () => webhooks.stop(), () => this.webhookDeliveries.stop(), () => this.pushOffer.stop(), () => this.outbox.stop()];
  }

  async onApplicationShutdown(): Promise<void> {
    for (const stop of this.stops) await stop();
    await this.repository.close();
  }
}
