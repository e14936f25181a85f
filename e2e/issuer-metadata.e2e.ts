import { describe, expect, it } from '@jest/globals';
import { createLocalJWKSet, jwtVerify, type JWK } from 'jose';
import { baseUrl } from './support/issuer-api.js';

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

  it('answers signed metadata to a wallet that asks for application/jwt, verifiable with the issuer keys', async () => {
    const response = await fetch(`${baseUrl()}${METADATA}`, { headers: { accept: 'application/jwt' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/jwt');
    const { keys } = (await (await fetch(`${baseUrl()}/jwks`)).json()) as { keys: JWK[] };

    const { payload } = await jwtVerify(await response.text(), createLocalJWKSet({ keys }), { typ: 'openidvci-issuer-metadata+jwt', subject: baseUrl() });
    expect(payload['credential_issuer']).toBe(baseUrl());
    expect(Object.keys(payload['credential_configurations_supported'] as object)).toContain('eu.europa.ec.eudi.pid_vc_sd_jwt');
  });

  it("sends the display data in the wallet's language when it has it, and says so in Content-Language", async () => {
    const english = await fetch(`${baseUrl()}${METADATA}`, { headers: { 'accept-language': 'fr-ch, fr;q=0.9, en;q=0.8' } });
    expect(english.headers.get('content-language')).toBe('en');
    const other = await fetch(`${baseUrl()}${METADATA}`, { headers: { 'accept-language': 'fr' } });
    expect(other.headers.get('content-language')).toBeNull();
  });
});
