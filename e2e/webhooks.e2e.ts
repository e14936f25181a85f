import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { adminApiKey, baseUrl, createIssuance, eventually, preAuthorizedCodeOf } from './support/issuer-api.js';
import { startWebhookReceiver, type ReceivedWebhook, type WebhookReceiver } from './support/webhook-receiver.js';
import { send, TestWallet, type HttpResult } from './support/wallet.js';

const GRANT = 'urn:ietf:params:oauth:grant-type:pre-authorized_code';
const PID = 'eu.europa.ec.eudi.pid_vc_sd_jwt';
const FAILED_ATTEMPTS = 2;

interface Delivery {
  event_id: string;
  event_type: string;
  state: string;
  attempts: number;
  last_status_code: number | null;
  last_error: string | null;
  next_attempt_at: string | null;
}

const admin = (path: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<HttpResult> =>
  send(`/admin/v1/webhooks${path}`, {
    method: init.method ?? 'GET',
    headers: { authorization: `Bearer ${adminApiKey()}`, ...(init.body !== undefined && { 'content-type': 'application/json' }), ...init.headers },
    ...(init.body !== undefined && { body: JSON.stringify(init.body) }),
  });

const deliveriesOf = async (id: string) => ((await admin(`/${id}`)).body['deliveries'] as Delivery[] | undefined) ?? [];

// Standard Webhooks: v1,<base64 HMAC-SHA256 of "id.timestamp.body"> keyed with the secret's base64 part.
function verifySignature(secret: string, request: ReceivedWebhook): boolean {
  const expected = createHmac('sha256', Buffer.from(secret.replace(/^whsec_/, ''), 'base64'))
    .update(`${String(request.headers['webhook-id'])}.${String(request.headers['webhook-timestamp'])}.${request.body}`)
    .digest();
  return String(request.headers['webhook-signature'])
    .split(' ')
    .some((signature) => signature.startsWith('v1,') && timingSafeEqual(Buffer.from(signature.slice(3), 'base64'), expected));
}

/** A pre-authorized issuance taken through offer, token, credential and an accepted notification. */
async function completeIssuance() {
  const issuance = await createIssuance();
  expect((await fetch(issuance.credential_offer_uri)).status).toBe(200);
  const wallet = new TestWallet();
  const token = await wallet.token({ grant_type: GRANT, 'pre-authorized_code': preAuthorizedCodeOf(issuance) });
  const accessToken = token.body['access_token'] as string;
  const credential = await wallet.credential(accessToken, { credential_configuration_id: PID, proofs: { jwt: [wallet.proof(await wallet.nonce())] } });
  expect(credential.status).toBe(200);
  const notification = await wallet.notification(accessToken, { notification_id: credential.body['notification_id'], event: 'credential_accepted' });
  expect(notification.status).toBe(204);
  return issuance;
}

describe('webhooks', () => {
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    // /flaky fails the first attempts of each event; /down never accepts.
    receiver = await startWebhookReceiver(({ path, attemptsBefore }) => (path === '/down' ? 503 : path === '/flaky' && attemptsBefore < FAILED_ATTEMPTS ? 500 : 204));
  });

  afterAll(async () => {
    await receiver?.close();
  });

  it('delivers the subscribed issuance events, signed, retrying with backoff until the receiver accepts, and shows each delivery', async () => {
    const userAgent = `webhook-e2e-${randomUUID()}`;
    const created = await admin('', {
      method: 'POST',
      headers: { 'user-agent': userAgent },
      body: { url: `${receiver.url}/flaky`, events: ['offer_received', 'credential_issued', 'credential_accepted'], description: 'issuance status' },
    });
    expect(created.status).toBe(201);
    const webhookId = created.body['id'] as string;
    const secret = created.body['secret'] as string;
    expect(created.body).toEqual({
      id: expect.any(String),
      url: `${receiver.url}/flaky`,
      events: ['offer_received', 'credential_issued', 'credential_accepted'],
      description: 'issuance status',
      created_at: expect.any(String),
      secret: expect.stringMatching(/^whsec_[A-Za-z0-9+/]{43}=$/),
    });

    const issuance = await completeIssuance();

    const accepted = await eventually(
      async () => receiver.received.filter((request) => request.path === '/flaky' && request.status === 204 && JSON.parse(request.body).issuance_id === issuance.id),
      (requests) => requests.length === 3,
      30_000,
    );
    const events = accepted.map((request) => JSON.parse(request.body) as Record<string, unknown>);
    expect(events.map((event) => event['type']).sort()).toEqual(['credential_accepted', 'credential_issued', 'offer_received']);
    const issued = events.find((event) => event['type'] === 'credential_issued');
    expect(issued).toEqual({
      id: expect.any(String),
      type: 'credential_issued',
      occurred_at: expect.any(String),
      issuance_id: issuance.id,
      session_id: issuance.session_id,
      data: { credential_configuration_id: PID, format: 'dc+sd-jwt', count: 1, deferred: false },
    });

    const attempts = receiver.received.filter((request) => request.path === '/flaky' && accepted.some((done) => done.headers['webhook-id'] === request.headers['webhook-id']));
    expect(attempts).toHaveLength(3 * (FAILED_ATTEMPTS + 1));
    for (const attempt of attempts) {
      expect(attempt.headers['content-type']).toBe('application/json');
      expect(attempt.headers['webhook-id']).toBe(JSON.parse(attempt.body).id);
      expect(Math.abs(Number(attempt.headers['webhook-timestamp']) - Date.now() / 1000)).toBeLessThan(60);
      expect(verifySignature(secret, attempt)).toBe(true);
      expect(verifySignature(`whsec_${Buffer.alloc(32).toString('base64')}`, attempt)).toBe(false);
      // Every attempt of one event carries the same bytes.
      expect(attempt.body).toBe(accepted.find((done) => done.headers['webhook-id'] === attempt.headers['webhook-id'])?.body);
    }

    const deliveries = await eventually(
      () => deliveriesOf(webhookId),
      (list) => events.every((event) => list.some((delivery) => delivery.event_id === event['id'] && delivery.state === 'delivered')),
    );
    for (const event of events) {
      expect(deliveries.find((delivery) => delivery.event_id === event['id'])).toEqual({
        event_id: event['id'],
        event_type: event['type'],
        state: 'delivered',
        attempts: FAILED_ATTEMPTS + 1,
        last_status_code: 204,
        last_error: null,
        last_attempt_at: expect.any(String),
        next_attempt_at: null,
        created_at: expect.any(String),
      });
    }

    const fetched = await admin(`/${webhookId}`);
    expect(fetched.body).not.toHaveProperty('secret');
    const listed = await admin('');
    expect(listed.status).toBe(200);
    expect(listed.body['webhooks']).toContainEqual({ id: webhookId, url: `${receiver.url}/flaky`, events: ['offer_received', 'credential_issued', 'credential_accepted'], description: 'issuance status', created_at: created.body['created_at'] });
    expect(JSON.stringify(listed.body)).not.toContain(secret.slice(6));

    // The registration is on the request log like any operator call, its secret redacted.
    const logged = await eventually(
      async () => JSON.stringify(await (await fetch(`${baseUrl()}/admin/v1/requests?${new URLSearchParams({ user_agent: userAgent })}`, { headers: { authorization: `Bearer ${adminApiKey()}` } })).json()),
      (text) => text.includes('Responded 201'),
    );
    expect(logged).toContain('Responded 201');
    expect(logged).not.toContain(secret.slice(6));

    expect((await admin(`/${webhookId}`, { method: 'DELETE' })).status).toBe(204);
  }, 60_000);

  it('gives a delivery up after the last attempt, and sends only the events a webhook subscribed to', async () => {
    const down = await admin('', { method: 'POST', body: { url: `${receiver.url}/down`, events: ['offer_created'] } });
    expect(down.status).toBe(201);
    const webhookId = down.body['id'] as string;

    const issuance = await createIssuance();
    await fetch(issuance.credential_offer_uri);

    const [delivery] = await eventually(
      () => deliveriesOf(webhookId),
      (list) => list.some((entry) => entry.state === 'failed'),
      30_000,
    );
    expect(delivery).toMatchObject({ event_type: 'offer_created', state: 'failed', attempts: 4, last_status_code: 503, last_error: 'HTTP 503', next_attempt_at: null });
    const sent = receiver.received.filter((request) => request.path === '/down');
    expect(sent.map((request) => JSON.parse(request.body).type)).toEqual(['offer_created', 'offer_created', 'offer_created', 'offer_created']);
    expect(JSON.parse(sent[0]?.body ?? '{}')).toMatchObject({ issuance_id: issuance.id, session_id: issuance.session_id, data: { credential_configuration_ids: [PID] } });
    // Backoff: 0.5 s, 1 s and 2 s after the failed attempts (WEBHOOK_RETRY_BASE_SECONDS=0.5 in the suite).
    const times = sent.map((request) => Number(request.headers['webhook-timestamp']));
    expect((times[3] ?? 0) - (times[0] ?? 0)).toBeGreaterThanOrEqual(3);
    await admin(`/${webhookId}`, { method: 'DELETE' });
  }, 60_000);

  it('refuses what it cannot deliver to, with the reason and what to send instead', async () => {
    const cases: Array<[unknown, RegExp]> = [
      [{ url: 'ftp://operator.example/hooks', events: ['credential_issued'] }, /scheme is ftp/],
      [{ url: 'https://user:password@operator.example/hooks', events: ['credential_issued'] }, /credentials/],
      [{ url: 'operator.example/hooks', events: ['credential_issued'] }, /not an absolute URL/],
      [{ url: 'https://operator.example/hooks', events: ['credential_teleported'] }, /events\.0/],
      [{ url: 'https://operator.example/hooks', events: [] }, /events/],
      [{ events: ['credential_issued'] }, /url/],
    ];
    for (const [body, reason] of cases) {
      const result = await admin('', { method: 'POST', body });
      expect({ status: result.status, error: result.body['error'] }).toEqual({ status: 400, error: 'invalid_request' });
      expect(result.body['reason']).toMatch(reason);
      expect(result.body['help']).toEqual(expect.any(String));
    }
    expect((await admin(`/${randomUUID()}`)).status).toBe(404);
    expect((await admin(`/${randomUUID()}`, { method: 'DELETE' })).status).toBe(404);
    expect((await send('/admin/v1/webhooks', { method: 'GET' })).status).toBe(401);
  });
});
