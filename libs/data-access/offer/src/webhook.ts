export interface NewWebhook {
  id: string;
  url: string;
  /** Webhook event names (offer_received, credential_issued, ...). */
  events: string[];
  description: string | null;
  /** whsec_<base64>: the Standard Webhooks signing secret. */
  secret: string;
}

export interface Webhook extends NewWebhook {
  createdAt: Date;
}

export type WebhookDeliveryState = 'pending' | 'delivered' | 'failed';

/** One event to send to one webhook, recorded by the consumer of the issuance events. */
export interface NewWebhookDelivery {
  id: string;
  webhookId: string;
  eventId: string;
  eventType: string;
  body: string;
}

export interface WebhookDelivery {
  id: string;
  webhookId: string;
  eventId: string;
  eventType: string;
  state: WebhookDeliveryState;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  lastAttemptAt: Date | null;
  nextAttemptAt: Date | null;
  createdAt: Date;
}

/** A delivery a worker holds for one attempt, with what it needs to send it. */
export interface ClaimedWebhookDelivery {
  id: string;
  eventId: string;
  body: string;
  /** The attempt this claim is for (1 for the first). */
  attempt: number;
  url: string;
  secret: string;
}

/** What one attempt came to: `nextAttemptAt` null ends the delivery (delivered, or failed for good). */
export interface WebhookAttemptResult {
  id: string;
  attempt: number;
  delivered: boolean;
  statusCode: number | null;
  error: string | null;
  /** Seconds from now to the next attempt; null when there is none. */
  retryInSeconds: number | null;
}
