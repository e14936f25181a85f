import { offerUrl, type CredentialOfferScheme } from '@issuer/protocol-oid4vci';

const DEFAULT_SCHEME: CredentialOfferScheme = 'openid-credential-offer://';

/** Where an issuance's offer is: by reference (OID4VCI 1.0 Section 4.1.3), as a URL for wallets, and as QR codes of that URL. */
export function offerLinks(publicUrl: string, issuance: { id: string; offerId: string; urlScheme?: string | null }) {
  const credentialOfferUri = `${publicUrl}/credential-offers/${issuance.offerId}`;
  const qr = `${publicUrl}/admin/v1/issuances/${encodeURIComponent(issuance.id)}/qr`;
  return {
    credential_offer_uri: credentialOfferUri,
    offer_url: offerUrl((issuance.urlScheme as CredentialOfferScheme | null | undefined) ?? DEFAULT_SCHEME, { credential_offer_uri: credentialOfferUri }),
    qr_code_svg: `${qr}.svg`,
    qr_code_png: `${qr}.png`,
  };
}
