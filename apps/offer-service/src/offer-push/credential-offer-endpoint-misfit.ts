const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
const MAX_URL_LENGTH = 2048;

/**
 * Why the issuer cannot push an offer to this Credential Offer Endpoint (OID4VCI 1.0 Section 4),
 * or null when it can: an absolute https URL, or http on a loopback host. A custom scheme such as
 * openid-credential-offer:// is opened by the holder's device, never called by a server.
 */
export function credentialOfferEndpointMisfit(value: string): string | null {
  if (value.length > MAX_URL_LENGTH) return `is ${value.length} characters long; at most ${MAX_URL_LENGTH} are accepted`;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'is not an absolute URL';
  }
  if (url.protocol === 'http:' && !LOOPBACK_HOSTS.has(url.hostname) && !url.hostname.startsWith('127.')) return 'uses http, which is pushed to loopback hosts only; use https';
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return `uses the scheme ${url.protocol}//, which the holder's device opens and a server cannot call; show the offer_url or its QR code to the holder instead`;
  }
  if (url.username !== '' || url.password !== '') return 'carries credentials (user:password@), which would be stored and shown with the issuance';
  if (url.hash !== '') return 'has a fragment, which is never sent to a server';
  return null;
}
