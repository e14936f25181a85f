import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { KnownEnvelope } from '@issuer/contracts-events';
import type { NewWebhookDelivery, OfferBatchStore, OfferRepository, Webhook } from '@issuer/data-access-offer';
import { OFFER_REPOSITORY } from '../offer-repository.provider.js';
import { DeliverWebhooks } from './deliver-webhooks.js';
import { toWebhookEvent, webhookEventSubjects } from './webhook-events.js';

/**
 * Turns each issuance event into one delivery per webhook subscribed to it, once per event
 * (ARCHITECTURE.md principle 7); the deliveries are sent by `DeliverWebhooks`. A webhook gets the
 * events that occurred after it was registered.
 */
@Injectable()
export class RecordWebhookDeliveriesConsumer {
  readonly durable = 'offer-service-webhooks';
  readonly subjects: string[] = webhookEventSubjects;

  constructor(
    @Inject(OFFER_REPOSITORY) private readonly repository: OfferRepository,
    private readonly deliver: DeliverWebhooks,
  ) {}

  async handle(envelopes: KnownEnvelope[]): Promise<void> {
    if (envelopes.length === 0 || (await this.repository.listWebhooks()).length === 0) return;
    let recorded = 0;
    await this.repository.markProcessedBatch(this.durable, envelopes.map(({ id }) => id), async (tx, freshIds) => {
      const fresh = new Set(freshIds);
      const webhooks = await tx.listWebhooks();
      const deliveries: NewWebhookDelivery[] = [];
      for (const envelope of envelopes) {
        if (!fresh.delete(envelope.id)) continue;
        deliveries.push(...(await deliveriesOf(tx, envelope, webhooks)));
      }
      recorded = await tx.recordWebhookDeliveries(deliveries);
    });
    if (recorded > 0) this.deliver.kick();
  }
}

async function deliveriesOf(tx: OfferBatchStore, envelope: KnownEnvelope, webhooks: Webhook[]): Promise<NewWebhookDelivery[]> {
  const event = toWebhookEvent(envelope);
  if (!event) return [];
  const occurredAt = new Date(envelope.occurredAt);
  const subscribed = webhooks.filter((webhook) => webhook.events.includes(event.name) && webhook.createdAt <= occurredAt);
  if (subscribed.length === 0) return [];
  const issuanceId = event.issuanceId ?? (envelope.sessionId ? ((await tx.findIssuanceBySessionId(envelope.sessionId))?.id ?? null) : null);
  const body = JSON.stringify({ id: envelope.id, type: event.name, occurred_at: envelope.occurredAt, issuance_id: issuanceId, session_id: envelope.sessionId, data: event.data });
  return subscribed.map((webhook) => ({ id: randomUUID(), webhookId: webhook.id, eventId: envelope.id, eventType: event.name, body }));
}
