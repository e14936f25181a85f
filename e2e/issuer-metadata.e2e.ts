import { X509Certificate } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify, type JWK } from 'jose';
import { startPlatform, type Mode, type PlatformUnderTest } from './support/global-setup.js';
import { baseUrl, createIssuance, trustAnchors } from './support/issuer-api.js';
import { send } from './support/wallet.js';

const METADATA = '/.well-known/openid-credential-issuer';

// OID4VCI 1.0 Section 12.2.4 and Appendix A: the parameters an issuer may publish.
const ISSUER_PARAMETERS = [
  'credential_issuer',
  'authorization_servers',
  'credential_endpoint',
  'nonce_endpoint',
  'deferred_credential_endpoint',
  'notification_endpoint',
  'credential_request_encryption',
  'credential_response_encryption',
  'batch_credential_issuance',
  'display',
  'credential_configurations_supported',
];
const CONFIGURATION_PARAMETERS = [
  'format',
  'scope',
  'credential_signing_alg_values_supported',
  'cryptographic_binding_methods_supported',
  'proof_types_supported',
  'credential_metadata',
  'vct',
  'doctype',
  'credential_definition',
];

describe('issuer metadata (OID4VCI 1.0 Section 12.2)', () => {
  it('O3: every configuration has a scope, the nonce endpoint is there, every URL is the issuer\'s, and nothing unknown is published', async () => {
    const metadata = (await (await fetch(`${baseUrl()}${METADATA}`)).json()) as Record<string, unknown>;
    expect(Object.keys(metadata).filter((name) => !ISSUER_PARAMETERS.includes(name))).toEqual([]);
    expect(metadata['nonce_endpoint']).toBe(`${baseUrl()}/nonce`);
    for (const name of ['credential_endpoint', 'nonce_endpoint', 'deferred_credential_endpoint', 'notification_endpoint']) {
      expect(String(metadata[name])).toMatch(new RegExp(`^${baseUrl()}/`));
    }
    const configurations = Object.entries(metadata['credential_configurations_supported'] as Record<string, Record<string, unknown>>);
    expect(configurations.length).toBeGreaterThan(0);
    for (const [id, configuration] of configurations) {
      expect({ id, unknown: Object.keys(configuration).filter((name) => !CONFIGURATION_PARAMETERS.includes(name)) }).toEqual({ id, unknown: [] });
      expect({ id, scope: typeof configuration['scope'] }).toEqual({ id, scope: 'string' });
    }
  });


  it('answers JSON by default', async () => {
    const response = await fetch(`${baseUrl()}${METADATA}`);
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(((await response.json()) as { credential_issuer: string }).credential_issuer).toBe(baseUrl());
  });

  it('answers signed metadata to a wallet that asks for application/jwt, verifiable with the issuer keys and by its x5c chain', async () => {
    const response = await fetch(`${baseUrl()}${METADATA}`, { headers: { accept: 'application/jwt' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/jwt');
    const { keys } = (await (await fetch(`${baseUrl()}/jwks`)).json()) as { keys: JWK[] };

    const jwt = await response.text();
    const { payload } = await jwtVerify(jwt, createLocalJWKSet({ keys }), { typ: 'openidvci-issuer-metadata+jwt', subject: baseUrl() });
    expect(payload['credential_issuer']).toBe(baseUrl());
    expect(Object.keys(payload['credential_configurations_supported'] as object)).toContain('eu.europa.ec.eudi.pid_vc_sd_jwt');

    // HAIP 1.0 Section 4.1: the key resolves by x5c, whose chain ends below a published trust anchor and holds neither it nor a self-signed certificate.
    const chain = (decodeProtectedHeader(jwt).x5c ?? []).map((der) => new X509Certificate(Buffer.from(der, 'base64')));
    expect(chain.length).toBeGreaterThan(0);
    await expect(jwtVerify(jwt, chain[0]!.publicKey, { typ: 'openidvci-issuer-metadata+jwt', subject: baseUrl() })).resolves.toBeDefined();
    expect(chain.filter((certificate) => certificate.verify(certificate.publicKey))).toEqual([]);
    const anchors = (await trustAnchors()).map((pem) => new X509Certificate(pem));
    expect(anchors.some((anchor) => chain.at(-1)!.checkIssued(anchor) && chain.at(-1)!.verify(anchor.publicKey))).toBe(true);
  });

  it("sends the display data in the wallet's language when it has it, and says so in Content-Language", async () => {
    const english = await fetch(`${baseUrl()}${METADATA}`, { headers: { 'accept-language': 'fr-ch, fr;q=0.9, en;q=0.8' } });
    expect(english.headers.get('content-language')).toBe('en');
    const other = await fetch(`${baseUrl()}${METADATA}`, { headers: { 'accept-language': 'fr' } });
    expect(other.headers.get('content-language')).toBeNull();
  });
});

/** Every string in a JSON document that is an absolute URL (a scheme, then //), with where it is. */
function urlsIn(value: unknown, path = '$'): Array<[string, string]> {
  if (typeof value === 'string') return /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? [[path, value]] : [];
  if (Array.isArray(value)) return value.flatMap((item, index) => urlsIn(item, `${path}[${index}]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([name, item]) => urlsIn(item, `${path}.${name}`));
  return [];
}

/** An issuer as deployed behind a TLS-terminating ingress (PUBLIC_URL https), whose offers live 1 s. */
describe('an issuer whose PUBLIC_URL is https, with PRE_AUTHORIZED_CODE_TTL_SECONDS=1 (NEGATIVE-TESTS O1, O3)', () => {
  const publicUrl = 'https://issuer.example.com';
  let platform: PlatformUnderTest;

  beforeAll(async () => {
    const mode = (process.env['E2E_MODE'] ?? 'embedded') as Mode;
    platform = await startPlatform(mode, Number(new URL(baseUrl()).port) + 90, { PUBLIC_URL: publicUrl, PRE_AUTHORIZED_CODE_TTL_SECONDS: '1' });
  }, 90_000);

  afterAll(async () => {
    await platform?.stop();
  });

  it('O3: every URL of the issuer and authorization server metadata uses https (OID4VCI 1.0 Section 12.2.4, RFC 8414 Section 2)', async () => {
    const issuer = await send(METADATA, { method: 'GET' }, platform.baseUrl);
    const authorizationServer = await send('/.well-known/oauth-authorization-server', { method: 'GET' }, platform.baseUrl);
    expect(issuer.body['credential_issuer']).toBe(publicUrl);
    const urls = [...urlsIn(issuer.body, 'issuer'), ...urlsIn(authorizationServer.body, 'authorization_server')];
    expect(urls.map(([where]) => where)).toEqual(
      expect.arrayContaining(['issuer.credential_issuer', 'issuer.credential_endpoint', 'issuer.nonce_endpoint', 'issuer.deferred_credential_endpoint', 'issuer.notification_endpoint', 'authorization_server.issuer', 'authorization_server.token_endpoint']),
    );
    expect(urls.filter(([, url]) => !url.startsWith(`${publicUrl}/`) && url !== publicUrl)).toEqual([]);
  });

  it('O1: an expired offer is 404 like an unknown one, not cached, and says nothing more', async () => {
    const api = { baseUrl: platform.baseUrl, adminApiKey: platform.adminApiKey };
    const issuance = await createIssuance({}, api);
    const path = new URL(issuance.credential_offer_uri).pathname;
    // The offer exists (the management API has it), but it is not fetched first: on a loaded machine
    // its 1 s lifetime can run out before that answer, which would make the test depend on timing.
    const created = await send(`/admin/v1/issuances/${issuance.id}`, { method: 'GET', headers: { authorization: `Bearer ${platform.adminApiKey}` } }, platform.baseUrl);
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ id: issuance.id, status: 'offer_sent' });
    await new Promise((resolve) => setTimeout(resolve, 1100));

    const [expired, unknown] = [await send(path, { method: 'GET' }, platform.baseUrl), await send('/credential-offers/unknown-offer', { method: 'GET' }, platform.baseUrl)];
    for (const result of [expired, unknown]) {
      expect(result.status).toBe(404);
      expect(result.headers.get('cache-control')).toBe('no-store');
      expect(result.headers.get('content-type')).toMatch(/^application\/json\b/);
    }
    // Each error links to its own request's timeline (error_uri); the rest is the same.
    const withoutErrorUri = ({ error_uri: _errorUri, ...rest }: Record<string, unknown>) => rest;
    expect(withoutErrorUri(expired.body)).toEqual(withoutErrorUri(unknown.body));
    expect(Object.keys(expired.body).sort()).toEqual(['error', 'error_description', 'error_uri']);
  });
});
