import { Inject, Injectable } from '@nestjs/common';
import { commands, createEnvelope, parseCommand, subjects, type CreateDeferredTransactionReplyV1, type Envelope } from '@issuer/contracts-events';
import type { DeferredRepository } from '@issuer/data-access-deferred';
import { randomToken } from '@issuer/crypto';
import { OutboxRelay, PLATFORM_CONFIG, currentTraceparent, type PlatformConfig } from '@issuer/nest';
import { DEFERRED_OUTBOX, DEFERRED_REPOSITORY } from '../deferred-repository.provider.js';

/**
 * The credential-service answers a checked credential request with 202 (OID4VCI 1.0 Section 8.3):
 * the transaction, with the holder keys to bind the credentials to, is kept here, where the wallet
 * collects them (Section 9), and `issuance.credential.deferred` commits with it.
 */
@Injectable()
export class CreateDeferredTransactionHandler {
  readonly subject = commands.createDeferredTransaction;

  constructor(
    @Inject(DEFERRED_REPOSITORY) private readonly repository: DeferredRepository,
    @Inject(DEFERRED_OUTBOX) private readonly outbox: OutboxRelay,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {}

  async handle(envelope: Envelope): Promise<CreateDeferredTransactionReplyV1> {
    const command = parseCommand(commands.createDeferredTransaction, envelope);
    // Unguessable, though it alone obtains nothing: the access token of the session goes with it.
    const transactionId = randomToken(24);
    const event = createEnvelope({
      traceparent: currentTraceparent(),
      type: subjects.credentialDeferred,
      version: 1,
      sessionId: command.sessionId,
      data: { issuanceId: command.issuanceId, credentialConfigurationId: command.credentialConfigurationId, transactionId },
    });
    const events = [{ subject: event.type, envelope: event }];
    await this.repository.createTransaction(
      { transactionId, sessionId: command.sessionId, issuanceId: command.issuanceId, credentialConfigurationId: command.credentialConfigurationId, holderJwks: command.holderJwks, readyAt: command.readyAt ? new Date(command.readyAt) : null },
      events,
    );
    void this.outbox.publishCommitted(events);
    return { transactionId, interval: this.config.deferredIntervalSeconds };
  }
}
