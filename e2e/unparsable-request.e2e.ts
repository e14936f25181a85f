import { describe, expect, it } from '@jest/globals';
import { postWithHeaderLines } from './support/raw-request.js';
import { adminApiKey, baseUrl, eventually } from './support/issuer-api.js';

type Entry = { endpoint: string; time: string; ip: string | null; data: Record<string, unknown> | null };

describe('a request whose headers are over the 16 KiB the server reads', () => {
  it('is invalid_request (431) in the platform\'s JSON', async () => {
    const answer = await postWithHeaderLines(`${baseUrl()}/token`, [['content-type', 'application/x-www-form-urlencoded'], ['dpop', 'A'.repeat(20_000)]], 'grant_type=x');
    expect(answer.status).toBe(431);
    expect(answer.body).toEqual({ error: 'invalid_request', error_description: 'The request headers are too large' });
  });

  // Behind the distributed mode's local gateway the gateway refuses it first; behind the mesh, whose
  // ingress reads larger headers, the service does, as here.
  if ((process.env['E2E_MODE'] ?? 'embedded') === 'embedded') {
    it('is on the timeline among the requests of no session, by address, with its reason, help and spec_ref', async () => {
      const from = new Date(Date.now() - 1_000).toISOString();
      await postWithHeaderLines(`${baseUrl()}/credential`, [['content-type', 'application/json'], ['authorization', `DPoP ${'B'.repeat(20_000)}`]], '{}');
      const refusals = await eventually(
        async () =>
          ((await (await fetch(`${baseUrl()}/admin/v1/requests?${new URLSearchParams({ from, limit: '1000' })}`, { headers: { authorization: `Bearer ${adminApiKey()}` } })).json()) as Entry[]).filter(
            (entry) => entry.endpoint === '(unparsed request)',
          ),
        (found) => found.length > 0,
      );
      expect(refusals[0]).toMatchObject({ ip: expect.stringContaining('127.0.0.1'), data: { error: 'invalid_request', status: 431, spec_ref: 'RFC 6585 Section 5' } });
      expect(refusals[0]?.data?.['help']).toEqual(expect.any(String));
      expect(JSON.stringify(refusals)).not.toContain('BBBB');
    });
  }
});
