import { randomUUID } from 'node:crypto';
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { commands, createEnvelope, subjects, type ListCredentialConfigurationsReplyV1, type KnownEnvelope } from '@issuer/contracts-events';
import type { Logger } from 'pino';
import type { CommandBus, EventBus, Subscription } from '../messaging/index.js';
import type { CredentialConfigurationRegistry } from './credential-configurations.js';
import { COMMAND_BUS, CREDENTIAL_CONFIGURATIONS, EVENT_BUS, LOGGER } from './tokens.js';

const SNAPSHOT_RETRY_MS = 2_000;
// Services start side by side in the distributed mode: the offer-service may answer only after a few attempts.
const QUIET_ATTEMPTS = 5;
// The consumer belongs to this process: the server drops it an hour after the process is gone.
const CONSUMER_INACTIVE_THRESHOLD_MS = 3_600_000;

/**
 * Keeps the process's credential configurations current: every `issuance.credential-configuration.changed`
 * event, on a consumer of this process alone (each replica keeps its own registry), and at start what the
 * offer-service stored before, asked for until it answers.
 */
@Injectable()
export class CredentialConfigurationSync implements OnApplicationBootstrap, OnApplicationShutdown {
  private subscription: Subscription | undefined;
  private retry: NodeJS.Timeout | undefined;
  private stopped = false;
  private attempts = 0;

  constructor(
    @Inject(CREDENTIAL_CONFIGURATIONS) private readonly registry: CredentialConfigurationRegistry,
    @Inject(EVENT_BUS) private readonly events: EventBus,
    @Inject(COMMAND_BUS) private readonly commands: CommandBus,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.subscription = await this.events.subscribe(
      { durable: `credential-configurations-${randomUUID()}`, subjects: [subjects.credentialConfigurationChanged], inactiveThresholdMs: CONSUMER_INACTIVE_THRESHOLD_MS },
      async (envelope) => this.take(envelope),
    );
    await this.loadStored();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    await this.subscription?.stop();
  }

  private take(envelope: KnownEnvelope): void {
    if (envelope.type !== subjects.credentialConfigurationChanged) return;
    if (this.registry.apply(envelope.data)) {
      this.log.info({ credential_configuration_id: envelope.data.configuration.id, revision: envelope.data.revision, disabled: envelope.data.disabled }, 'credential configuration changed');
    }
  }

  private async loadStored(): Promise<void> {
    try {
      const request = createEnvelope({ type: commands.listCredentialConfigurations, version: 1, sessionId: null, data: {} });
      const reply = await this.commands.request<ListCredentialConfigurationsReplyV1>(commands.listCredentialConfigurations, request, { timeoutMs: SNAPSHOT_RETRY_MS });
      for (const stored of reply.configurations) this.registry.apply(stored);
    } catch (error) {
      if (this.stopped) return;
      const level = ++this.attempts > QUIET_ATTEMPTS ? 'warn' : 'info';
      this.log[level]({ error: String(error), retry_in_ms: SNAPSHOT_RETRY_MS }, 'the offer-service did not list the stored credential configurations yet');
      this.retry = setTimeout(() => void this.loadStored(), SNAPSHOT_RETRY_MS);
      this.retry.unref();
    }
  }
}
