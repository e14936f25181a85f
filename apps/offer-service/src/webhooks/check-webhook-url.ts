import { invalidRequest } from '@issuer/protocol-errors';

const MAX_URL_LENGTH = 2048;

/** The URL deliveries are POSTed to: absolute http(s), no credentials in it (they would be stored and shown). */
export function checkWebhookUrl(value: string): string {
  const help = 'Send an absolute http:// or https:// URL without user name or password, e.g. "https://operator.example/hooks/issuer"; authenticate deliveries by their Webhook-Signature.';
  if (value.length > MAX_URL_LENGTH) throw invalidRequest({ reason: `The webhook url is ${value.length} characters long; at most ${MAX_URL_LENGTH} are accepted.`, help });
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw invalidRequest({ reason: `The webhook url ${JSON.stringify(value)} is not an absolute URL.`, help });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw invalidRequest({ reason: `The webhook url's scheme is ${url.protocol.slice(0, -1)}; only http and https are delivered to.`, help });
  }
  if (url.username !== '' || url.password !== '') {
    throw invalidRequest({ reason: 'The webhook url carries credentials (user:password@); they would be stored and listed with the webhook.', help });
  }
  if (url.hash !== '') throw invalidRequest({ reason: 'The webhook url has a fragment, which is never sent to a server.', help });
  return url.href;
}
