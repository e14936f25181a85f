import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedWebhook {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** What the receiver answered. */
  status: number;
}

export interface WebhookReceiver {
  /** Base URL on 127.0.0.1; any path is accepted. */
  url: string;
  received: ReceivedWebhook[];
  close(): Promise<void>;
}

/**
 * An operator's endpoint on the loopback interface: `answer` picks the status of each request from
 * how many requests with the same Webhook-Id came before it.
 */
export async function startWebhookReceiver(answer: (request: { path: string; attemptsBefore: number }) => number): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = request.url ?? '/';
      const id = request.headers['webhook-id'];
      const attemptsBefore = received.filter((earlier) => earlier.path === path && earlier.headers['webhook-id'] === id).length;
      const status = answer({ path, attemptsBefore });
      received.push({ path, headers: request.headers, body: Buffer.concat(chunks).toString('utf8'), status });
      response.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'ok' : 'try again');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
