import { webhookHeaders } from './sign-webhook.js';

export interface WebhookAttempt {
  url: string;
  secret: string;
  /** `Webhook-Id`: the event id, the same on every attempt so receivers can drop repeats. */
  id: string;
  body: string;
  timeoutMs: number;
  now: () => number;
}

export type WebhookAttemptOutcome = { delivered: boolean; statusCode: number | null; error: string | null };

/** One signed POST; a 2xx answer delivers it, anything else (redirects included) or no answer in time does not. */
export async function sendWebhook(attempt: WebhookAttempt): Promise<WebhookAttemptOutcome> {
  const headers = webhookHeaders({ secret: attempt.secret, id: attempt.id, timestamp: attempt.now(), body: attempt.body });
  try {
    const response = await fetch(attempt.url, { method: 'POST', headers, body: attempt.body, redirect: 'manual', signal: AbortSignal.timeout(attempt.timeoutMs) });
    await response.body?.cancel();
    const delivered = response.status >= 200 && response.status < 300;
    return { delivered, statusCode: response.status, error: delivered ? null : `HTTP ${response.status}` };
  } catch (error) {
    return { delivered: false, statusCode: null, error: describeFailure(error) };
  }
}

const MAX_ERROR_LENGTH = 300;

/** Why a request got no answer, short enough to store and show. */
export function describeFailure(error: unknown): string {
  return describe(error).slice(0, MAX_ERROR_LENGTH);
}

function describe(error: unknown): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return 'no answer in time';
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if (cause?.code) return `${cause.code}${cause.message ? `: ${cause.message}` : ''}`;
  return error instanceof Error ? error.message : String(error);
}
