import type { Webhook, WebhookDelivery } from '@issuer/data-access-offer';

/** A webhook as the management API shows it: never its secret. */
export function toWebhookResource(webhook: Webhook) {
  return {
    id: webhook.id,
    url: webhook.url,
    events: webhook.events,
    description: webhook.description,
    created_at: webhook.createdAt.toISOString(),
  };
}

export function toDeliveryResource(delivery: WebhookDelivery) {
  return {
    event_id: delivery.eventId,
    event_type: delivery.eventType,
    state: delivery.state,
    attempts: delivery.attempts,
    last_status_code: delivery.lastStatusCode,
    last_error: delivery.lastError,
    last_attempt_at: delivery.lastAttemptAt?.toISOString() ?? null,
    next_attempt_at: delivery.state === 'pending' ? (delivery.nextAttemptAt?.toISOString() ?? null) : null,
    created_at: delivery.createdAt.toISOString(),
  };
}
