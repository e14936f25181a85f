import { isIP } from 'node:net';
import type { x509 } from './x509.js';

/**
 * SD-JWT VC, "Issuer-signed JWT Verification Key Validation" with X.509: `iss` must match a
 * uniformResourceIdentifier SAN of the leaf certificate, or (DNS URI form) a dNSName SAN. The
 * Credential Issuer Identifier is the URI as given, byte for byte; its host is the dNSName, or the
 * iPAddress when the host is a literal address.
 */
export function issuerSubjectAltNames(issuerUrl: string): x509.JsonGeneralName[] {
  const host = credentialIssuerHost(issuerUrl);
  return [
    { type: 'url', value: issuerUrl },
    { type: isIP(host) === 0 ? 'dns' : 'ip', value: host },
  ];
}

/**
 * OID4VCI 1.0 Section 12.2.1: the Credential Issuer Identifier has a scheme, a host and optionally
 * a port and a path, but no query or fragment. `http` is accepted for local development.
 */
export function credentialIssuerHost(issuerUrl: string): string {
  let url: URL;
  try {
    url = new URL(issuerUrl);
  } catch {
    throw new TypeError(`the Credential Issuer Identifier ${JSON.stringify(issuerUrl)} is not a URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new TypeError(`the Credential Issuer Identifier ${JSON.stringify(issuerUrl)} is not an https URL`);
  if (url.search !== '' || url.hash !== '' || issuerUrl.includes('?') || issuerUrl.includes('#')) {
    throw new TypeError(`the Credential Issuer Identifier ${JSON.stringify(issuerUrl)} must have no query or fragment`);
  }
  if (url.username !== '' || url.password !== '') throw new TypeError('the Credential Issuer Identifier must have no user information');
  return url.hostname.replace(/^\[(.*)\]$/, '$1');
}
