import { describe, expect, it } from '@jest/globals';
import { isProtocolError } from '@issuer/protocol-errors';
import { offerUrl, parseOfferUrl } from './credential-offer-uri.js';

// OID4VCI 1.0 Section 4.1.2 and 4.1.3 examples, without the display line breaks.
const BY_VALUE =
  'openid-credential-offer://?credential_offer=%7B%22credential_issuer%22:%22https://credential-issuer.example.com%22,%22credential_configuration_ids%22:%5B%22org.iso.18013.5.1.mDL%22%5D,%22grants%22:%7B%22urn:ietf:params:oauth:grant-type:pre-authorized_code%22:%7B%22pre-authorized_code%22:%22oaKazRN8I0IbtZ0C7JuMn5%22,%22tx_code%22:%7B%22input_mode%22:%22text%22,%22description%22:%22Please%20enter%20the%20serial%20number%20of%20your%20physical%20drivers%20license%22%7D%7D%7D%7D';
const BY_REFERENCE =
  'openid-credential-offer://?credential_offer_uri=https%3A%2F%2Fserver%2Eexample%2Ecom%2Fcredential-offer%2FGkurKxf5T0Y-mnPFCHqWOMiZi4VS138cQO_V7PZHAdM';

function rejection(url: string): string {
  try {
    parseOfferUrl(url);
  } catch (error) {
    if (isProtocolError(error)) return error.reason;
    throw error;
  }
  throw new Error('expected a rejection');
}

describe('Credential Offer URLs (OID4VCI 1.0 Section 4.1)', () => {
  it('reads the by-value example of the specification', () => {
    expect(parseOfferUrl(BY_VALUE)).toEqual({
      credential_offer: {
        credential_issuer: 'https://credential-issuer.example.com',
        credential_configuration_ids: ['org.iso.18013.5.1.mDL'],
        grants: {
          'urn:ietf:params:oauth:grant-type:pre-authorized_code': {
            'pre-authorized_code': 'oaKazRN8I0IbtZ0C7JuMn5',
            tx_code: { input_mode: 'text', description: 'Please enter the serial number of your physical drivers license' },
          },
        },
      },
    });
  });

  it('reads the by-reference example of the specification', () => {
    expect(parseOfferUrl(BY_REFERENCE)).toEqual({ credential_offer_uri: 'https://server.example.com/credential-offer/GkurKxf5T0Y-mnPFCHqWOMiZi4VS138cQO_V7PZHAdM' });
  });

  it('writes offers by reference and by value that read back the same', () => {
    const uri = 'https://issuer.example.com/credential-offers/Ge5G7t9f2c1Y85Xz4vr0nQ?x=1&y=2';
    const byReference = offerUrl('openid-credential-offer://', { credential_offer_uri: uri });
    expect(byReference).toBe(`openid-credential-offer://?credential_offer_uri=${encodeURIComponent(uri)}`);
    expect(parseOfferUrl(byReference)).toEqual({ credential_offer_uri: uri });

    const offer = { credential_issuer: 'https://issuer.example.com', credential_configuration_ids: ['a'] };
    const byValue = offerUrl('haip-vci://', { credential_offer: offer });
    expect(byValue.startsWith('haip-vci://?credential_offer=')).toBe(true);
    expect(parseOfferUrl(byValue)).toEqual({ credential_offer: offer });
  });

  it('appends to a wallet https endpoint that already has a query', () => {
    expect(offerUrl('https://wallet.example/offer?lang=en', { credential_offer_uri: 'https://i.example/o/1' })).toBe(
      'https://wallet.example/offer?lang=en&credential_offer_uri=https%3A%2F%2Fi.example%2Fo%2F1',
    );
  });

  it('rejects URLs with both, neither or a malformed offer', () => {
    expect(rejection('openid-credential-offer://?credential_offer_uri=a&credential_offer=%7B%7D')).toContain('both');
    expect(rejection('openid-credential-offer://?foo=bar')).toContain('neither');
    expect(rejection('openid-credential-offer://?credential_offer=%7B')).toContain('not JSON');
    expect(rejection('openid-credential-offer://?credential_offer=%7B%7D')).toContain('credential_issuer');
    expect(rejection('not a url')).toContain('not a URL');
  });
});
