import { describe, expect, it } from '@jest/globals';
import { adminApiKey, baseUrl, createIssuance, eventually, pidClaims } from './support/issuer-api.js';

interface Answer {
  status: number;
  headers: Headers;
  body: Record<string, unknown> & Array<Record<string, unknown>>;
  text: string;
}

async function call(method: string, path: string, key?: string, body?: unknown): Promise<Answer> {
  const response = await fetch(`${baseUrl()}${path}`, {
    method,
    headers: { ...(key !== undefined && { authorization: `Bearer ${key}` }), ...(body !== undefined && { 'content-type': 'application/json' }) },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null, text };
}

async function createKey(scopes: string[], name = `e2e ${scopes.join('+')}`): Promise<{ id: string; key: string }> {
  const created = await call('POST', '/admin/v1/api-keys', adminApiKey(), { name, scopes });
  expect(created.status).toBe(201);
  return { id: created.body['id'] as string, key: created.body['key'] as string };
}

const pidRequest = { credentials: [{ credential_configuration_id: 'eu.europa.ec.eudi.pid_vc_sd_jwt', claims: pidClaims }] };

describe('management API keys', () => {
  it('creates a key shown once, and lists keys without their secrets', async () => {
    const created = await call('POST', '/admin/v1/api-keys', adminApiKey(), { name: 'reporting', scopes: ['read'] });
    expect(created.status).toBe(201);
    expect(created.headers.get('cache-control')).toBe('no-store');
    expect(created.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{32}$/),
      name: 'reporting',
      scopes: ['read'],
      key: expect.stringMatching(/^isk_[0-9a-f]{32}\.[A-Za-z0-9_-]{43}$/),
      created_at: expect.any(String),
      revoked_at: null,
      last_used_at: null,
    });
    const key = created.body['key'] as string;

    const list = await call('GET', '/admin/v1/api-keys', adminApiKey());
    expect(list.status).toBe(200);
    const listed = list.body.find((entry) => entry['id'] === created.body['id']);
    expect(listed).toEqual({ id: created.body['id'], name: 'reporting', scopes: ['read'], created_at: created.body['created_at'], revoked_at: null, last_used_at: null });
    expect(list.text).not.toContain(key.split('.')[1]);

    expect((await call('GET', '/admin/v1/trust-anchors', key)).status).toBe(200);
    const used = await call('GET', '/admin/v1/api-keys', adminApiKey());
    expect(used.body.find((entry) => entry['id'] === created.body['id'])?.['last_used_at']).toEqual(expect.any(String));
  });

  it('lets a read key read every service’s admin routes and change nothing', async () => {
    const { key } = await createKey(['read']);
    const issuance = await createIssuance();
    expect((await call('GET', `/admin/v1/issuances/${issuance.id}`, key)).status).toBe(200);
    expect((await call('GET', '/admin/v1/trust-anchors', key)).status).toBe(200);
    expect((await call('GET', '/admin/v1/sessions?limit=1', key)).status).toBe(200);
    expect((await call('GET', '/admin/v1/requests?limit=1', key)).status).toBe(200);

    const refused = await call('POST', '/admin/v1/issuances', key, pidRequest);
    expect(refused.status).toBe(403);
    expect(refused.headers.get('www-authenticate')).toBe('Bearer realm="admin", error="insufficient_scope", scope="write"');
    expect(refused.body).toEqual({ error: 'insufficient_scope', error_description: expect.any(String), reason: expect.stringContaining('needs write'), help: expect.any(String) });
    expect((await call('POST', `/admin/v1/issuances/${issuance.id}/suspend`, key)).status).toBe(403);
    expect((await call('GET', '/admin/v1/api-keys', key)).status).toBe(403);
  });

  it('lets a write key change issuances but not manage keys, and an admin key do both', async () => {
    const write = await createKey(['write']);
    expect((await call('POST', '/admin/v1/issuances', write.key, pidRequest)).status).toBe(201);
    expect((await call('GET', '/admin/v1/sessions?limit=1', write.key)).status).toBe(200);
    const refused = await call('POST', '/admin/v1/api-keys', write.key, { name: 'escalation', scopes: ['admin'] });
    expect(refused.status).toBe(403);
    expect(refused.headers.get('www-authenticate')).toContain('scope="admin"');
    expect((await call('DELETE', `/admin/v1/api-keys/${write.id}`, write.key)).status).toBe(403);

    const admin = await createKey(['admin']);
    const byAdmin = await call('POST', '/admin/v1/api-keys', admin.key, { name: 'made by a key', scopes: ['read', 'write'] });
    expect(byAdmin.status).toBe(201);
    expect(byAdmin.body['scopes']).toEqual(['read', 'write']);
    expect((await call('POST', '/admin/v1/issuances', admin.key, pidRequest)).status).toBe(201);
  });

  it('refuses a revoked key on every service (at once on the offer-service, within seconds elsewhere)', async () => {
    const { id, key } = await createKey(['read']);
    expect((await call('GET', '/admin/v1/sessions?limit=1', key)).status).toBe(200);

    const revoked = await call('DELETE', `/admin/v1/api-keys/${id}`, adminApiKey());
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ id, revoked_at: expect.any(String) });
    expect(revoked.text).not.toContain(key.split('.')[1]);

    const refused = await call('GET', '/admin/v1/api-keys', key);
    expect(refused.status).toBe(401);
    const issuance = await call('GET', '/admin/v1/issuances/unknown', key);
    expect(issuance.status).toBe(401);
    expect(issuance.headers.get('www-authenticate')).toBe('Bearer realm="admin", error="invalid_token"');
    expect(issuance.body).toEqual({ error: 'unauthorized', error_description: expect.any(String), reason: 'The API key was revoked.', help: expect.any(String) });
    for (const path of ['/admin/v1/sessions?limit=1', '/admin/v1/trust-anchors']) {
      expect((await eventually(() => call('GET', path, key), (answer) => answer.status === 401, 15_000)).status).toBe(401);
    }

    const again = await call('DELETE', `/admin/v1/api-keys/${id}`, adminApiKey());
    expect(again.status).toBe(200);
    expect(again.body['revoked_at']).toBe(revoked.body['revoked_at']);
  });

  it('answers 401 without a key, with an unknown one, or with a real key id and a wrong secret', async () => {
    const { id, key } = await createKey(['admin']);
    const forged = `isk_${id}.${'A'.repeat(43)}`;
    for (const sent of [undefined, 'not-a-key-at-all', `isk_${'0'.repeat(32)}.${'B'.repeat(43)}`, forged, `${key}x`]) {
      const answer = await call('GET', '/admin/v1/api-keys', sent);
      expect(answer.status).toBe(401);
      expect(answer.headers.get('www-authenticate')).toMatch(/^Bearer realm="admin"/);
      expect(answer.body).toMatchObject({ error: 'unauthorized', reason: expect.any(String), help: expect.any(String) });
    }
    expect((await call('GET', '/admin/v1/trust-anchors', forged)).status).toBe(401);
  });

  it('refuses malformed key requests with invalid_request, and an unknown key id with 404', async () => {
    for (const body of [{ scopes: ['read'] }, { name: 'x', scopes: [] }, { name: 'x', scopes: ['root'] }, { name: 'x', scopes: ['read'], key: 'chosen' }]) {
      const answer = await call('POST', '/admin/v1/api-keys', adminApiKey(), body);
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({ error: 'invalid_request', reason: expect.any(String), help: expect.any(String) });
    }
    const unknown = await call('DELETE', `/admin/v1/api-keys/${'f'.repeat(32)}`, adminApiKey());
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ error: 'not_found', reason: expect.any(String), help: expect.any(String) });
  });
});
