import { describe, expect, it } from '@jest/globals';
import { adminApiKey, baseUrl, eventually } from './support/issuer-api.js';
import { TestWallet } from './support/wallet.js';

describe('session timelines', () => {
  it('keeps requests that resolve to no session, searchable by client id', async () => {
    const clientId = `probe-${Date.now()}`;
    const result = await new TestWallet().token({ grant_type: 'urn:ietf:params:oauth:grant-type:pre-authorized_code', 'pre-authorized_code': 'unknown', client_id: clientId });
    expect(result.body['error']).toBe('invalid_grant');
    const entries = await eventually(
      async () => (await (await fetch(`${baseUrl()}/admin/v1/requests?client_id=${clientId}`, { headers: { authorization: `Bearer ${adminApiKey()}` } })).json()) as Array<Record<string, unknown>>,
      (found) => found.some((entry) => entry['level'] === 'error'),
    );
    const error = entries.find((entry) => entry['level'] === 'error');
    expect(error?.['endpoint']).toBe('/token');
    expect(error?.['data']).toMatchObject({ error: 'invalid_grant', spec_ref: expect.any(String), reason: expect.any(String), help: expect.any(String) });
  });

  it('serves timelines only with the admin API key', async () => {
    const anonymous = await fetch(`${baseUrl()}/admin/v1/sessions/anything`);
    expect(anonymous.status).toBe(401);
    const wrong = await fetch(`${baseUrl()}/admin/v1/sessions/anything`, { headers: { authorization: 'Bearer not-the-key-at-all' } });
    expect(wrong.status).toBe(401);
    const unknown = await fetch(`${baseUrl()}/admin/v1/sessions/anything`, { headers: { authorization: `Bearer ${adminApiKey()}` } });
    expect(unknown.status).toBe(404);
  });
});

describe('the OTLP receiver', () => {
  it('is not routed publicly in the distributed mode, and takes records from this host in the embedded one', async () => {
    const response = await fetch(`${baseUrl()}/v1/logs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ resourceLogs: [] }) });
    expect(response.status).toBe(process.env['E2E_MODE'] === 'distributed' ? 404 : 200);
  });
});
