/** The identifier without a trailing slash, so endpoint URLs join cleanly. */
export function trimTrailingSlash(url: string): string {
  return url.endsWith('/') ? url.slice(0, -1) : url;
}

// OID4VCI 1.0 Section 12.2.2: the well-known string goes between the host and the path component.
export function issuerMetadataUrl(credentialIssuer: string): string {
  return insertWellKnown(credentialIssuer, 'openid-credential-issuer');
}

// RFC 8414 Section 3.1: the same insertion for the authorization server metadata.
export function authorizationServerMetadataUrl(issuer: string): string {
  return insertWellKnown(issuer, 'oauth-authorization-server');
}

function insertWellKnown(identifier: string, suffix: string): string {
  const url = new URL(identifier);
  const path = url.pathname === '/' ? '' : trimTrailingSlash(url.pathname);
  return `${url.origin}/.well-known/${suffix}${path}`;
}
