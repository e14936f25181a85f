import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { OfferRepository } from '@issuer/data-access-offer';
import { parseWithSchema } from '@issuer/nest';
import { OFFER_REPOSITORY } from '../offer-repository.provider.js';
import { checkWebhookUrl } from './check-webhook-url.js';
import { generateWebhookSecret } from './sign-webhook.js';
import { toWebhookResource } from './webhook-resource.js';
import { WEBHOOK_EVENTS } from './webhook-events.js';
import { zCreateWebhookRequest } from './z-create-webhook-request.js';

/** `POST /admin/v1/webhooks`: the webhook and its signing secret, which only this answer shows. */
@Injectable()
export class RegisterWebhook {
  constructor(@Inject(OFFER_REPOSITORY) private readonly repository: OfferRepository) {}

  async execute(body: unknown) {
    const request = parseWithSchema(zCreateWebhookRequest, body, {
      what: 'webhook',
      help: `Send { "url": "https://...", "events": [...], "description": "..." } with events among ${WEBHOOK_EVENTS.join(', ')}.`,
    });
    const url = checkWebhookUrl(request.url);
    const webhook = await this.repository.createWebhook({ id: randomUUID(), url, events: request.events, description: request.description ?? null, secret: generateWebhookSecret() });
    return { ...toWebhookResource(webhook), secret: webhook.secret };
  }
}
