import { describe, expect, it } from '@jest/globals';
import { decodeJwt } from '../../browser/jwt.js';
import { specLink } from '../../browser/spec-link.js';
import { grafanaUrlFrom } from './grafana-url.js';

describe('spec_ref links', () => {
  it('links to the section of the specification where it has anchors', () => {
    expect(specLink('OID4VCI 1.0 Section 8.2')).toBe('https://openid.net/specs/openid-4-verifiable-credential-issuance-1_0.html#section-8.2');
    expect(specLink('OID4VCI 1.0 Appendix D')).toBe('https://openid.net/specs/openid-4-verifiable-credential-issuance-1_0.html#appendix-D');
    expect(specLink('RFC 9449 Section 8')).toBe('https://www.rfc-editor.org/rfc/rfc9449#section-8');
    expect(specLink('HAIP 1.0 Section 4.4.1')).toBe('https://openid.net/specs/openid4vc-high-assurance-interoperability-profile-1_0.html#section-4.4.1');
    expect(specLink('draft-ietf-oauth-attestation-based-client-auth-07 Section 5.2')).toBe('https://datatracker.ietf.org/doc/html/draft-ietf-oauth-attestation-based-client-auth#section-5.2');
  });

  it('links to the document alone when its sections have no numbered anchors, and to nothing it does not know', () => {
    expect(specLink('OpenID Connect Core 1.0 Section 3.1.2.5')).toBe('https://openid.net/specs/openid-connect-core-1_0.html');
    expect(specLink('Some vendor note')).toBeNull();
  });
});

describe('JWTs on the timeline', () => {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

  it('decodes the header and payload of a compact JWS and of an SD-JWT', () => {
    const jwt = `${part({ alg: 'ES256', typ: 'dpop+jwt' })}.${part({ htm: 'POST', htu: 'https://issuer.example/token' })}.c2lnbmF0dXJl`;
    expect(decodeJwt(jwt)).toEqual({ header: { alg: 'ES256', typ: 'dpop+jwt' }, payload: { htm: 'POST', htu: 'https://issuer.example/token' } });
    expect(decodeJwt(`${jwt}~WyJzYWx0IiwibmFtZSIsIkVyaWthIl0~`)?.header).toEqual({ alg: 'ES256', typ: 'dpop+jwt' });
  });

  it('leaves alone what only looks like one', () => {
    expect(decodeJwt('www.example.com')).toBeNull();
    expect(decodeJwt(`${part({ typ: 'no alg' })}.${part({})}.x`)).toBeNull();
    expect(decodeJwt('1.2.3')).toBeNull();
  });
});

describe('GRAFANA_URL', () => {
  it('is optional, and must be an http(s) URL when set', () => {
    expect(grafanaUrlFrom(undefined)).toBeUndefined();
    expect(grafanaUrlFrom('https://grafana.example.com/')).toBe('https://grafana.example.com');
    expect(() => grafanaUrlFrom('javascript:alert(1)')).toThrow(/GRAFANA_URL/);
  });
});
