import { describe, expect, it } from '@jest/globals';
import { createLocalJWKSet, jwtVerify, type JWK } from 'jose';
import { baseUrl } from './support/issuer-api.js';

const METADATA = '/.well-known/openid-credential-issuer';

describe('issuer metadata (OID4VCI 1.0 Section 12.2)', () => {
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
