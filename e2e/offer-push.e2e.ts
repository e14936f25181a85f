import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { adminApiKey, eventually, pidClaims, timelineWith } from './support/issuer-api.js';
import { startWebhookReceiver, type WebhookReceiver } from './support/webhook-receiver.js';
import { send, type HttpResult } from './support/wallet.js';

const PID = 'eu.europa.ec.eudi.pid_vc_sd_jwt';

interface Push {
  credential_offer_endpoint: string;
  state: string;
  status_code: number | null;
  error: string | null;
  pushed_at: string | null;
}

const admin = (method: string, path: string, body?: unknown): Promise<HttpResult> =>
  send(`/admin/v1/issuances${path}`, {
    method,
    headers: { authorization: `Bearer ${adminApiKey()}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });

const createPushed = (endpoint: string) => admin('POST', '', { credentials: [{ credential_configuration_id: PID, claims: pidClaims }], push: { credential_offer_endpoint: endpoint } });

async function settledPush(id: string): Promise<Push | undefined> {
  const record = await eventually(() => admin('GET', `/${id}`), (result) => (result.body['push'] as Push | undefined)?.state !== 'pending');
  return record.body['push'] as Push | undefined;
}

describe('offer push to the wallet’s credential_offer_endpoint (OID4VCI 1.0 Section 4.1)', () => {
  let wallet: WebhookReceiver;

  beforeAll(async () => {
    wallet = await startWebhookReceiver(({ path }) => (path.startsWith('/offer') ? 200 : 503));
  });

  afterAll(() => wallet.close());

  it('sends the offer by reference as GET with credential_offer_uri, and records the answer on the issuance and the timeline', async () => {
    const created = await createPushed(`${wallet.url}/offer?device=7`);
    expect(created.status).toBe(201);
    const issuanceId = created.body['id'] as string;

    const push = await settledPush(issuanceId);
    expect(push).toEqual({ credential_offer_endpoint: `${wallet.url}/offer?device=7`, state: 'delivered', status_code: 200, error: null, pushed_at: expect.any(String) });
    const request = wallet.received.find((received) => received.path.startsWith('/offer'));
    const query = new URL(request!.path, wallet.url).searchParams;
    expect(query.get('device')).toBe('7');
    expect(query.get('credential_offer_uri')).toBe(created.body['credential_offer_uri']);
    const offer = await send(new URL(query.get('credential_offer_uri')!).pathname, { method: 'GET' });
    expect(offer.body).toEqual(created.body['credential_offer']);

    const timeline = await timelineWith(created.body['session_id'] as string, (entry) => entry.message === 'Credential offer pushed to the wallet');
    expect(timeline.entries.find((entry) => entry.message === 'Credential offer pushed to the wallet')?.data).toMatchObject({ status_code: 200, spec_ref: 'OID4VCI 1.0 Section 4.1' });
  });

  it('records a wallet that answers with an error, or does not answer, as failed with the reason', async () => {
    const refused = await createPushed(`${wallet.url}/busy`);
    expect(await settledPush(refused.body['id'] as string)).toMatchObject({ state: 'failed', status_code: 503, error: 'HTTP 503' });
    const timeline = await timelineWith(refused.body['session_id'] as string, (entry) => entry.message === 'Credential offer push to the wallet failed');
    expect(timeline.entries.find((entry) => entry.message === 'Credential offer push to the wallet failed')).toMatchObject({ level: 'warn', data: expect.objectContaining({ status_code: 503, help: expect.any(String) }) });

    const closed = await startWebhookReceiver(() => 200);
    await closed.close();
    const unreachable = await createPushed(`${closed.url}/offer`);
    expect(await settledPush(unreachable.body['id'] as string)).toMatchObject({ state: 'failed', status_code: null, error: expect.stringMatching(/ECONNREFUSED/) });
  });

  it('refuses an endpoint the issuer cannot call with 400 invalid_request naming the field', async () => {
    const cases: Array<[string, RegExp]> = [
      ['openid-credential-offer://', /push\.credential_offer_endpoint: uses the scheme openid-credential-offer:\/\/, which the holder's device opens/],
      ['http://wallet.example/offer', /push\.credential_offer_endpoint: uses http, which is pushed to loopback hosts only/],
      ['wallet.example/offer', /push\.credential_offer_endpoint: is not an absolute URL/],
    ];
    for (const [endpoint, reason] of cases) {
      const result = await createPushed(endpoint);
      expect({ status: result.status, error: result.body['error'] }).toEqual({ status: 400, error: 'invalid_request' });
      expect(result.body['reason']).toMatch(reason);
    }
  });
});
