import { randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { BODY_LIMIT_BYTES } from '@issuer/contracts-routes';
import { adminApiKey, baseUrl, eventually } from './support/issuer-api.js';

type Entry = { endpoint: string; data: Record<string, unknown> | null };

describe('a request body over the limit', () => {
  it('is payload_too_large (413) from the owning service, and on the timeline with its reason, help and spec_ref', async () => {
    const userAgent = `oversized-body/${randomUUID()}`;
    const body = new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:pre-authorized_code', padding: 'A'.repeat(BODY_LIMIT_BYTES) }).toString();
    const response = await fetch(`${baseUrl()}/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': userAgent }, body });
    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: string }).error).toBe('payload_too_large');

    const entries = await eventually(
      async () => (await (await fetch(`${baseUrl()}/admin/v1/requests?${new URLSearchParams({ user_agent: userAgent })}`, { headers: { authorization: `Bearer ${adminApiKey()}` } })).json()) as Entry[],
      (found) => found.some((entry) => entry.data?.['spec_ref'] !== undefined),
    );
    const refusal = entries.find((entry) => entry.data?.['spec_ref'] !== undefined);
    expect(refusal).toMatchObject({ endpoint: '/token', data: { error: 'payload_too_large', status: 413, spec_ref: 'RFC 9110 Section 15.5.14' } });
    expect(refusal?.data?.['reason']).toEqual(expect.any(String));
    expect(refusal?.data?.['help']).toEqual(expect.any(String));
  });
});
