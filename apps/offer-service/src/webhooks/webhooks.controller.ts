import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, UseGuards } from '@nestjs/common';
import type { OfferRepository } from '@issuer/data-access-offer';
import { AdminApiKeyGuard } from '@issuer/nest';
import { notFound } from '@issuer/protocol-errors';
import { OFFER_REPOSITORY } from '../offer-repository.provider.js';
import { RegisterWebhook } from './register-webhook.js';
import { toDeliveryResource, toWebhookResource } from './webhook-resource.js';

const SHOWN_DELIVERIES = 50;

/** Operators' webhooks for issuance events, and what became of their deliveries. */
@Controller('admin/v1/webhooks')
@UseGuards(AdminApiKeyGuard)
export class WebhooksController {
  constructor(
    private readonly registerWebhook: RegisterWebhook,
    @Inject(OFFER_REPOSITORY) private readonly repository: OfferRepository,
  ) {}

  @Post()
  @HttpCode(201)
  create(@Body() body: unknown) {
    return this.registerWebhook.execute(body);
  }

  @Get()
  async list() {
    return { webhooks: (await this.repository.listWebhooks()).map(toWebhookResource) };
  }

  @Get(':id')
  async get(@Param('id') id: string) {
    const webhook = await this.repository.findWebhook(id);
    if (!webhook) throw unknownWebhook(id);
    const deliveries = await this.repository.listWebhookDeliveries(id, SHOWN_DELIVERIES);
    return { ...toWebhookResource(webhook), deliveries: deliveries.map(toDeliveryResource) };
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@Param('id') id: string): Promise<void> {
    if (!(await this.repository.deleteWebhook(id))) throw unknownWebhook(id);
  }
}

function unknownWebhook(id: string) {
  return notFound({ reason: `No webhook with id ${id}.`, help: 'Use an id from GET /admin/v1/webhooks.' });
}
