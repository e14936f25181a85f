import { createHmac, randomBytes } from 'node:crypto';

const SECRET_PREFIX = 'whsec_';

/** Standard Webhooks: `whsec_` and the base64 of the key; 32 random bytes. */
export function generateWebhookSecret(): string {
  return `${SECRET_PREFIX}${randomBytes(32).toString('base64')}`;
}

export interface WebhookSignatureInput {
  secret: string;
  /** The message id (`Webhook-Id`), the same on every attempt. */
  id: string;
  /** Seconds since the epoch (`Webhook-Timestamp`) of this attempt. */
  timestamp: number;
  body: string;
}

// Standard Webhooks, "Signature scheme": v1 is the base64 HMAC-SHA256 of "id.timestamp.body" keyed
// with the base64-decoded part of the secret after `whsec_`.
export function signWebhook({ secret, id, timestamp, body }: WebhookSignatureInput): string {
  const key = Buffer.from(secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret, 'base64');
  return `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
}

/** The headers of one attempt. */
export function webhookHeaders(input: WebhookSignatureInput): Record<string, string> {
  return {
    'content-type': 'application/json',
    'webhook-id': input.id,
    'webhook-timestamp': String(input.timestamp),
    'webhook-signature': signWebhook(input),
  };
}
