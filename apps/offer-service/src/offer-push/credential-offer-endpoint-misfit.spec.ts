import { describe, expect, it } from '@jest/globals';
import { credentialOfferEndpointMisfit } from './credential-offer-endpoint-misfit.js';

describe('credentialOfferEndpointMisfit', () => {
  it('accepts https anywhere and http on loopback hosts', () => {
    expect(credentialOfferEndpointMisfit('https://wallet.example/offer?device=7')).toBeNull();
    expect(credentialOfferEndpointMisfit('http://127.0.0.1:4000/offer')).toBeNull();
    expect(credentialOfferEndpointMisfit('http://localhost/offer')).toBeNull();
    expect(credentialOfferEndpointMisfit('http://[::1]:8080/offer')).toBeNull();
  });

  it('says why it cannot push to the others', () => {
    expect(credentialOfferEndpointMisfit('openid-credential-offer://')).toMatch(/^uses the scheme openid-credential-offer:\/\/, which the holder's device opens/);
    expect(credentialOfferEndpointMisfit('haip-vci://offer')).toMatch(/^uses the scheme haip-vci:\/\//);
    expect(credentialOfferEndpointMisfit('http://wallet.example/offer')).toBe('uses http, which is pushed to loopback hosts only; use https');
    expect(credentialOfferEndpointMisfit('/offer')).toBe('is not an absolute URL');
    expect(credentialOfferEndpointMisfit('https://user:pw@wallet.example/offer')).toMatch(/^carries credentials/);
    expect(credentialOfferEndpointMisfit('https://wallet.example/offer#x')).toBe('has a fragment, which is never sent to a server');
    expect(credentialOfferEndpointMisfit(`https://wallet.example/${'a'.repeat(2048)}`)).toBe('is 2071 characters long; at most 2048 are accepted');
  });
});
