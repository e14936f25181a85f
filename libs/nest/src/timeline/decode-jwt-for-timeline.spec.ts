import { describe, expect, it } from '@jest/globals';
import { decodeJwtForTimeline, secretClaimsOf } from './decode-jwt-for-timeline.js';

const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
// What one wallet library sends: its DPoP proof carries the access token it is bound to.
const proofWithToken = `${part({ typ: 'dpop+jwt', alg: 'ES256', jwk: { kty: 'EC', crv: 'P-256', x: 'x', y: 'y' } })}.${part({ htm: 'POST', htu: 'https://issuer.example/credential', jti: '1', iat: 1, accessToken: 'eyJ0eXAiOiJhdCtqd3QifQ.e30.c2ln' })}.c2lnbmF0dXJl`;

describe('decodeJwtForTimeline', () => {
  it('shows header and claims, a secret claim by its length only, and the signature by its length', () => {
    expect(decodeJwtForTimeline(proofWithToken)).toEqual({
      header: { typ: 'dpop+jwt', alg: 'ES256', jwk: { kty: 'EC', crv: 'P-256', x: 'x', y: 'y' } },
      payload: { htm: 'POST', htu: 'https://issuer.example/credential', jti: '1', iat: 1, accessToken: '<present, len=31>' },
      signature: '<present, len=12>',
    });
  });
});

describe('secretClaimsOf', () => {
  it('names the claims that are secrets', () => {
    expect(secretClaimsOf(proofWithToken)).toEqual(['accessToken']);
  });

  it('finds none in a proof without them, nor in what is not a JWT', () => {
    expect(secretClaimsOf(`${part({ alg: 'ES256' })}.${part({ htm: 'POST', ath: 'hash' })}.sig`)).toEqual([]);
    expect(secretClaimsOf('not a jwt')).toEqual([]);
    expect(secretClaimsOf(undefined)).toEqual([]);
  });
});
