import { Inject, Module, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { DeferredRepository } from '@issuer/data-access-deferred';
import { COMMAND_BUS, CredentialEncryption, EVENT_BUS, OutboxRelay, type CommandBus, type EventBus } from '@issuer/nest';
import { CreateDeferredTransactionHandler } from './commands/create-deferred-transaction.handler.js';
import { DeferredCredentialController } from './deferred/deferred-credential.controller.js';
import { DeliverDeferredCredential } from './deferred/deliver-deferred-credential.js';
import { DEFERRED_OUTBOX, DEFERRED_REPOSITORY, deferredRepositoryProviders } from './deferred-repository.provider.js';
import { DeferredDecisionsConsumer } from './events/deferred-decisions.consumer.js';

/** Deferred issuance (OID4VCI 1.0 Section 9): transactions, the operator's decisions, the deferred credential endpoint. */
@Module({
  controllers: [DeferredCredentialController],
  providers: [...deferredRepositoryProviders, CredentialEncryption, DeliverDeferredCredential, CreateDeferredTransactionHandler, DeferredDecisionsConsumer],
})
export class DeferredServiceModule implements OnModuleInit, OnApplicationShutdown {
  private stops: Array<() => Promise<void>> = [];

  constructor(
    @Inject(DEFERRED_REPOSITORY) private readonly repository: DeferredRepository,
    @Inject(DEFERRED_OUTBOX) private readonly outbox: OutboxRelay,
    @Inject(COMMAND_BUS) private readonly commands: CommandBus,
    @Inject(EVENT_BUS) private readonly events: EventBus,
    private readonly createTransaction: CreateDeferredTransactionHandler,
    private readonly decisions: DeferredDecisionsConsumer,
  ) {}

  async onModuleInit(): Promise<void> {
    const create = await this.commands.handle(this.createTransaction.subject, (envelope) => this.createTransaction.handle(envelope));
    const decisions = await this.events.subscribe({ durable: this.decisions.durable, subjects: this.decisions.subjects }, (envelope) => this.decisions.handle(envelope));
    this.outbox.start();
    this.stops = [() => create.stop(), () => decisions.stop(), () => this.outbox.stop()];
  }

  async onApplicationShutdown(): Promise<void> {
    for (const stop of this.stops) await stop();
    await this.repository.close();
  }
}
