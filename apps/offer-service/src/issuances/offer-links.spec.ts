import { describe, expect, it } from '@jest/globals';
import { offerLinks } from './offer-links.js';

describe('offerLinks', () => {
  it('gives the offer by reference, its URL in the scheme the issuance was created with, and its QR codes', () => {
    expect(offerLinks('https://issuer.example', { id: 'iss-1', offerId: 'off-1' })).toEqual({
      credential_offer_uri: 'https://issuer.example/credential-offers/off-1',
      offer_url: 'openid-credential-offer://?credential_offer_uri=https%3A%2F%2Fissuer.example%2Fcredential-offers%2Foff-1',
      qr_code_svg: 'https://issuer.example/admin/v1/issuances/iss-1/qr.svg',
      qr_code_png: 'https://issuer.example/admin/v1/issuances/iss-1/qr.png',
    });
    expect(offerLinks('https://issuer.example', { id: 'iss-1', offerId: 'off-1', urlScheme: 'haip-vci://' }).offer_url).toBe(
      'haip-vci://?credential_offer_uri=https%3A%2F%2Fissuer.example%2Fcredential-offers%2Foff-1',
    );
  });
});
