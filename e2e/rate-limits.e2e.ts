import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { expectProtocolError } from './support/expect-error.js';
import { startPlatform, type Mode, type PlatformUnderTest } from './support/global-setup.js';
import { baseUrl, eventually } from './support/issuer-api.js';
import { send, type HttpResult } from './support/wallet.js';

const form = { 'content-type': 'application/x-www-form-urlencoded' };
let platform: PlatformUnderTest;
let nextAddress = 1;
/** A documentation address (RFC 5737) no other request used: with trustProxy, X-Forwarded-For names the client. */
const freshAddress = () => `198.51.100.${nextAddress++}`;

function post(path: string, body: Record<string, string>, address: string): Promise<HttpResult> {
  return send(path, { method: 'POST', headers: { ...form, 'x-forwarded-for': address }, body: new URLSearchParams(body).toString() }, platform.baseUrl);
}

async function unassignedEntries(address: string): Promise<Array<{ level: string; data: Record<string, unknown> | null }>> {
  const response = await fetch(`${platform.baseUrl}/admin/v1/requests?ip=${address}`, { headers: { authorization: `Bearer ${platform.adminApiKey}`, 'x-forwarded-for': freshAddress() } });
  return (await response.json()) as Array<{ level: string; data: Record<string, unknown> | null }>;
}

const sleep = (seconds: number) => new Promise((resolve) => setTimeout(resolve, seconds * 1000 + 100));

// A token every 5 s after a burst of 3. Only the loopback address the start-up probes come from is exempt;
// every request of these tests names a documentation address, which is limited.
describe('rate limits (RFC 6585 Section 4) on an issuer with RATE_LIMIT_BURST=3 and 12 requests a minute', () => {
  beforeAll(async () => {
    const mode = (process.env['E2E_MODE'] ?? 'embedded') as Mode;
    platform = await startPlatform(mode, Number(new URL(baseUrl()).port) + 20, {
      RATE_LIMIT_PER_IP_PER_MINUTE: '12',
      RATE_LIMIT_PER_CLIENT_PER_MINUTE: '12',
      RATE_LIMIT_BURST: '3',
      RATE_LIMIT_EXEMPT: '127.0.0.1',
    });
  }, 90_000);

  afterAll(async () => {
    await platform?.stop();
  });

  it('answers the fourth request from one address 429 temporarily_unavailable with Retry-After, on the timeline, and the next after Retry-After', async () => {
    const address = freshAddress();
    const allowed = [await post('/token', {}, address), await post('/token', {}, address), await post('/token', {}, address)];
    expect(allowed.map((result) => result.status)).toEqual([400, 400, 400]);
    const refused = await post('/token', {}, address);
    await expectProtocolError(refused, 429, 'temporarily_unavailable');
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(5);
    expect((await post('/token', {}, freshAddress())).status).toBe(400);

    const entries = await eventually(
      () => unassignedEntries(address),
      (found) => found.some((entry) => entry.level === 'error' && entry.data?.['error'] === 'temporarily_unavailable'),
    );
    expect(entries.find((entry) => entry.level === 'error' && entry.data?.['error'] === 'temporarily_unavailable')?.data).toEqual(
      expect.objectContaining({ status: 429, reason: expect.stringContaining(address), help: expect.stringContaining('Retry-After'), spec_ref: 'RFC 6585 Section 4' }),
    );
    expect(entries.find((entry) => entry.data?.['status'] === 429 && entry.level === 'warn')?.data?.['headers']).toEqual(expect.objectContaining({ 'retry-after': String(retryAfter) }));

    await sleep(retryAfter);
    expect((await post('/token', {}, address)).status).toBe(400);
  });

  it('limits a client_id across addresses, and another client_id on its own', async () => {
    const client = { client_id: 'https://wallet.example.com/limited', response_type: 'code' };
    const allowed = [await post('/par', client, freshAddress()), await post('/par', client, freshAddress()), await post('/par', client, freshAddress())];
    expect(allowed.map((result) => result.status)).not.toContain(429);
    await expectProtocolError(await post('/par', client, freshAddress()), 429, 'temporarily_unavailable');
    const authorize = await send(`/authorize?client_id=${encodeURIComponent(client.client_id)}&request_uri=urn:example`, { headers: { 'x-forwarded-for': freshAddress() } }, platform.baseUrl);
    await expectProtocolError(authorize, 429, 'temporarily_unavailable');
    expect((await post('/par', { ...client, client_id: 'https://wallet.example.com/other' }, freshAddress())).status).not.toBe(429);
  });

  it('leaves an exempt address alone (RATE_LIMIT_EXEMPT), whatever client_id it names', async () => {
    const client = { client_id: 'https://wallet.example.com/exempt', response_type: 'code' };
    const results = [];
    for (let i = 0; i < 6; i++) results.push(await send('/par', { method: 'POST', headers: form, body: new URLSearchParams(client).toString() }, platform.baseUrl));
    expect(results.map((result) => result.status)).not.toContain(429);
  });
});
