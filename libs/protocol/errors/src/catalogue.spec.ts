import { describe, expect, it } from '@jest/globals';
import { asResourceServerError, invalidDpopProof, invalidGrant, invalidToken, serverError } from './index.js';

describe('protocol error catalogue', () => {
  it('gives the code, status and spec section from the catalogue', () => {
    const error = invalidGrant({ reason: 'pre-authorized code already consumed', help: 'Request a new offer' });
    expect(error.status).toBe(400);
    expect(error.toWire()).toEqual({ error: 'invalid_grant', error_description: 'The grant is invalid, expired or already used' });
    expect(error.specRef).toBe('RFC 6749 Section 5.2');
  });

  it('keeps error_description within the ASCII set RFC 6749 allows', () => {
    const error = serverError({ reason: 'x', help: 'y', description: 'naïve "quote" \\ back' });
    expect(error.description).toMatch(/^[\x20-\x21\x23-\x5b\x5d-\x7e]*$/);
  });

  it('answers token problems at a resource server with 401 and a challenge per scheme', () => {
    const error = asResourceServerError(invalidToken({ reason: 'no token', help: 'send one' }), { dpop: true, bearer: true });
    expect(error.status).toBe(401);
    expect(error.headers['WWW-Authenticate']).toMatch(/^DPoP error="invalid_token".*, Bearer error="invalid_token"/);
  });

  it('answers a bad DPoP proof at a resource server with a DPoP challenge only', () => {
    const error = asResourceServerError(invalidDpopProof({ reason: 'bad ath', help: 'hash the token' }), { dpop: true, bearer: true });
    expect(error.status).toBe(401);
    expect(error.headers['WWW-Authenticate']).toMatch(/^DPoP error="invalid_dpop_proof"/);
    expect(error.headers['WWW-Authenticate']).not.toContain('Bearer');
  });
});
