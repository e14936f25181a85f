import { z } from 'zod';

/** A webhook as `GET /admin/v1/webhooks` shows it: never its secret. */
export const zWebhook = z.object({
  id: z.string(),
  url: z.string(),
  events: z.array(z.string()).describe('Webhook event names: offer_received, credential_issued, ...'),
  description: z.string().nullable(),
  created_at: z.string(),
});

/** `POST /admin/v1/webhooks` answered: the only answer that carries the signing secret. */
export const zCreatedWebhook = zWebhook.extend({ secret: z.string().describe('whsec_<base64>: the Standard Webhooks signing key, shown once') });

export const zWebhookList = z.object({ webhooks: z.array(zWebhook) });

/** One event for one webhook, as its latest attempt left it. */
export const zWebhookDelivery = z.object({
  event_id: z.string(),
  event_type: z.string(),
  state: z.string().describe('pending, delivered or failed'),
  attempts: z.number().int(),
  last_status_code: z.number().int().nullable(),
  last_error: z.string().nullable(),
  last_attempt_at: z.string().nullable(),
  next_attempt_at: z.string().nullable(),
  created_at: z.string(),
});

/** `GET /admin/v1/webhooks/{id}`: the webhook and its latest deliveries. */
export const zWebhookWithDeliveries = zWebhook.extend({ deliveries: z.array(zWebhookDelivery) });
