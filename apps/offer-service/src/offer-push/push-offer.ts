import { Inject, Injectable } from '@nestjs/common';
import type { Issuance, OfferRepository, OfferPushOutcome } from '@issuer/data-access-offer';
import { LOGGER, PLATFORM_CONFIG, RequestTimeline, SessionLogger, type PlatformConfig } from '@issuer/nest';
import type { Logger } from 'pino';
import { offerLinks } from '../issuances/offer-links.js';
import { OFFER_REPOSITORY } from '../offer-repository.provider.js';
import { describeFailure } from '../webhooks/send-webhook.js';

/**
 * OID4VCI 1.0 Section 4.1: the issuer sends the offer to the Wallet's Credential Offer Endpoint as
 * an HTTP GET with `credential_offer_uri`, after the issuance was created, once; a 2xx answer
 * delivers it. The outcome goes on the issuance record and the session's timeline.
 */
@Injectable()
export class PushOffer {
  private readonly inFlight = new Set<Promise<void>>();
  private readonly sessionLogger = new SessionLogger();

  constructor(
    @Inject(OFFER_REPOSITORY) private readonly repository: OfferRepository,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  /** Sends in the background: the operator's request does not wait for the wallet. */
  start(issuance: Issuance): void {
    if (!issuance.pushEndpoint) return;
    const push = this.push(issuance, issuance.pushEndpoint)
      .catch((error: unknown) => this.log.error({ issuance: issuance.id, error: String(error) }, 'credential offer push could not be recorded'))
      .finally(() => this.inFlight.delete(push));
    this.inFlight.add(push);
  }

  async stop(): Promise<void> {
    await Promise.all(this.inFlight);
  }

  private async push(issuance: Issuance, endpoint: string): Promise<void> {
    const url = new URL(endpoint);
    url.searchParams.set('credential_offer_uri', offerLinks(this.config.publicUrl, issuance).credential_offer_uri);
    const outcome = await this.send(url);
    await this.repository.recordOfferPush(issuance.id, outcome);

    const timeline = new RequestTimeline(`GET ${url.origin}${url.pathname}`, {});
    timeline.setSession(issuance.sessionId);
    const data = { credential_offer_endpoint: endpoint, status_code: outcome.statusCode, error: outcome.error, spec_ref: 'OID4VCI 1.0 Section 4.1' };
    if (outcome.state === 'delivered') timeline.info('Credential offer pushed to the wallet', data);
    else timeline.warn('Credential offer push to the wallet failed', { ...data, help: 'Check that the wallet’s credential_offer_endpoint is reachable from the issuer, or show the offer_url to the holder.' });
    this.sessionLogger.write(timeline);
  }

  private async send(url: URL): Promise<OfferPushOutcome> {
    try {
      const response = await fetch(url, { method: 'GET', redirect: 'manual', signal: AbortSignal.timeout(this.config.webhookTimeoutSeconds * 1000) });
      await response.body?.cancel();
      const delivered = response.status >= 200 && response.status < 300;
      return { state: delivered ? 'delivered' : 'failed', statusCode: response.status, error: delivered ? null : `HTTP ${response.status}`, at: new Date() };
    } catch (error) {
      return { state: 'failed', statusCode: null, error: describeFailure(error), at: new Date() };
    }
  }
}
