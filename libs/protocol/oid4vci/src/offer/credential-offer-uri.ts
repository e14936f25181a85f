import { invalidRequest } from '@issuer/protocol-errors';
import { zCredentialOffer, type CredentialOffer } from './z-credential-offer.js';

/** OID4VCI 1.0 Section 12.1.1 (`openid-credential-offer://`), HAIP 1.0 Section 4.2 (`haip-vci://`), or a wallet's https Credential Offer Endpoint. */
export type CredentialOfferScheme = 'openid-credential-offer://' | 'haip-vci://' | `https://${string}`;

// OID4VCI 1.0 Section 4.1: exactly one of the two parameters.
export type CredentialOfferReference = { credential_offer_uri: string } | { credential_offer: CredentialOffer };

export function offerUrl(scheme: CredentialOfferScheme, reference: CredentialOfferReference): string {
  const query =
    'credential_offer_uri' in reference
      ? `credential_offer_uri=${encodeURIComponent(reference.credential_offer_uri)}`
      : `credential_offer=${encodeURIComponent(JSON.stringify(reference.credential_offer))}`;
  return `${scheme}${scheme.includes('?') ? '&' : '?'}${query}`;
}

/** Reads a Credential Offer URL as a wallet does. */
export function parseOfferUrl(url: string): CredentialOfferReference {
  let params: URLSearchParams;
  try {
    params = new URL(url).searchParams;
  } catch {
    throw offerUrlError('the value is not a URL', 'Send a URL such as openid-credential-offer://?credential_offer_uri=...');
  }
  const byReference = params.get('credential_offer_uri');
  const byValue = params.get('credential_offer');
  if ((byReference === null) === (byValue === null)) {
    throw offerUrlError(
      byReference === null ? 'neither credential_offer nor credential_offer_uri is present' : 'both credential_offer and credential_offer_uri are present',
      'Use exactly one of credential_offer and credential_offer_uri',
    );
  }
  if (byReference !== null) return { credential_offer_uri: byReference };
  let json: unknown;
  try {
    json = JSON.parse(byValue!);
  } catch {
    throw offerUrlError('credential_offer is not JSON', 'URL-encode the JSON Credential Offer object');
  }
  const result = zCredentialOffer.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw offerUrlError(`credential_offer is invalid: ${issue?.path.join('.')} ${issue?.message}`, 'Send a Credential Offer object as OID4VCI 1.0 Section 4.1.1 defines it');
  }
  return { credential_offer: result.data };
}

function offerUrlError(reason: string, help: string) {
  return invalidRequest({ reason, help, specRef: 'OID4VCI 1.0 Section 4.1' });
}
