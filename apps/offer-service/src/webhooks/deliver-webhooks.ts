import { Inject, Injectable } from '@nestjs/common';
import type { ClaimedWebhookDelivery, OfferRepository } from '@issuer/data-access-offer';
import { LOGGER, PLATFORM_CONFIG, type PlatformConfig } from '@issuer/nest';
import type { Logger } from 'pino';
import { OFFER_REPOSITORY } from '../offer-repository.provider.js';
import { retryDelaySeconds } from './retry-delay.js';
import { sendWebhook } from './send-webhook.js';

const POLL_INTERVAL_MS = 1_000;
const BATCH_SIZE = 20;
/** A claim outlives its attempt by this much before another worker may take the delivery over. */
const LEASE_MARGIN_SECONDS = 30;

/**
 * Sends due webhook deliveries. Their state is in the database: each attempt is claimed atomically
 * (replicas never send the same one), and what was due when a process stopped is sent by the next.
 */
@Injectable()
export class DeliverWebhooks {
  private timer: NodeJS.Timeout | undefined;
  private pass: Promise<void> | undefined;
  private kicked = false;
  private stopped = false;

  constructor(
    @Inject(OFFER_REPOSITORY) private readonly repository: OfferRepository,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  start(): void {
    if (this.timer || this.stopped) return;
    this.timer = setInterval(() => this.kick(), POLL_INTERVAL_MS);
    this.timer.unref();
    this.kick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    this.timer = undefined;
    await this.pass;
  }

  /** Sends what is due now; kicks during a pass run one more. */
  kick(): void {
    if (this.stopped) return;
    if (this.pass) {
      this.kicked = true;
      return;
    }
    this.pass = this.run().finally(() => {
      this.pass = undefined;
    });
  }

  private async run(): Promise<void> {
    do {
      this.kicked = false;
      try {
        let claimed: ClaimedWebhookDelivery[];
        do {
          claimed = await this.repository.claimDueWebhookDeliveries(BATCH_SIZE, this.config.webhookTimeoutSeconds + LEASE_MARGIN_SECONDS);
          await Promise.all(claimed.map((delivery) => this.attempt(delivery)));
        } while (claimed.length === BATCH_SIZE && !this.stopped);
      } catch (error) {
        this.log.error({ error: String(error) }, 'webhook delivery pass failed; due deliveries wait for the next pass');
      }
    } while (this.kicked && !this.stopped);
  }

  private async attempt(delivery: ClaimedWebhookDelivery): Promise<void> {
    const outcome = await sendWebhook({
      url: delivery.url,
      secret: delivery.secret,
      id: delivery.eventId,
      body: delivery.body,
      timeoutMs: this.config.webhookTimeoutSeconds * 1000,
      now: () => Math.floor(Date.now() / 1000),
    });
    const retryInSeconds = outcome.delivered ? null : retryDelaySeconds(delivery.attempt, { baseSeconds: this.config.webhookRetryBaseSeconds, maxAttempts: this.config.webhookMaxAttempts });
    if (!outcome.delivered) {
      this.log.warn({ delivery: delivery.id, event: delivery.eventId, attempt: delivery.attempt, status: outcome.statusCode, error: outcome.error, retry_in_seconds: retryInSeconds }, 'webhook attempt failed');
    }
    await this.repository.recordWebhookAttempt({ id: delivery.id, attempt: delivery.attempt, ...outcome, retryInSeconds });
  }
}
