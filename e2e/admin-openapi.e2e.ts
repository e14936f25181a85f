import { describe, expect, it } from '@jest/globals';
import { adminApiKey, baseUrl } from './support/issuer-api.js';

describe('the management API documentation', () => {
  it('serves the OpenAPI 3.1 document without a key, naming every management operation', async () => {
    const response = await fetch(`${baseUrl()}/admin/v1/openapi.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const document = (await response.json()) as { openapi: string; servers: Array<{ url: string }>; paths: Record<string, Record<string, unknown>> };
    expect(document.openapi).toMatch(/^3\.1\./);
    expect(document.servers).toEqual([{ url: baseUrl() }]);
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/admin/v1/issuances', '/admin/v1/issuances/{id}', '/admin/v1/trust-anchors', '/admin/v1/sessions/{sessionId}', '/admin/v1/requests', '/admin/v1/api-keys', '/admin/v1/api-keys/{id}', '/admin/v1/wallets', '/admin/v1/sessions/{sessionId}/export.har', '/admin/v1/sessions/{sessionId}/export.sh']),
    );
    expect(Object.keys(document.paths['/admin/v1/api-keys/{id}'] ?? {})).toEqual(['delete']);
  });

  it('serves Swagger UI from its own files, and nothing else from that folder', async () => {
    const page = await fetch(`${baseUrl()}/admin/docs`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await page.text();
    for (const asset of ['/admin/docs/swagger-ui-bundle.js', '/admin/docs/swagger-ui-standalone-preset.js', '/admin/docs/swagger-ui.css', '/admin/docs/swagger-initializer.js']) {
      expect(html).toContain(asset);
      const file = await fetch(`${baseUrl()}${asset}`);
      expect(file.status).toBe(200);
      expect((await file.text()).length).toBeGreaterThan(100);
    }
    expect(await (await fetch(`${baseUrl()}/admin/docs/swagger-initializer.js`)).text()).toContain("url: '/admin/v1/openapi.json'");

    for (const path of ['/admin/docs/package.json', '/admin/docs/..%2Fpackage.json', '/admin/docs/swagger-ui-bundle.js.map']) {
      const refused = await fetch(`${baseUrl()}${path}`);
      expect(refused.status).toBe(404);
      expect(await refused.json()).toMatchObject({ error: 'not_found', reason: expect.any(String), help: expect.any(String) });
    }
  });

  it('answers the unassigned requests search with invalid_request for a time that is none', async () => {
    const response = await fetch(`${baseUrl()}/admin/v1/requests?from=yesterday`, { headers: { authorization: `Bearer ${adminApiKey()}` } });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'invalid_request', reason: expect.stringContaining('from'), help: expect.any(String) });
  });
});
