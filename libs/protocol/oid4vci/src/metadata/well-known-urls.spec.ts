import { describe, expect, it } from '@jest/globals';
import { authorizationServerMetadataUrl, issuerMetadataUrl } from './well-known-urls.js';

describe('well-known URLs', () => {
  it('inserts the well-known string between host and path (OID4VCI 1.0 Section 12.2.2 examples)', () => {
    expect(issuerMetadataUrl('https://issuer.example.com/tenant')).toBe('https://issuer.example.com/.well-known/openid-credential-issuer/tenant');
    expect(issuerMetadataUrl('https://tenant.issuer.example.com')).toBe('https://tenant.issuer.example.com/.well-known/openid-credential-issuer');
  });

  it('does the same for the authorization server (RFC 8414 Section 3.1)', () => {
    expect(authorizationServerMetadataUrl('https://as.example:8443/issuer1/')).toBe('https://as.example:8443/.well-known/oauth-authorization-server/issuer1');
  });
});
