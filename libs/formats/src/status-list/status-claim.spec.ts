import { describe, expect, it } from '@jest/globals';
import { generateKeyPairSync } from 'node:crypto';
import { getStatusListFromJWT } from '@sd-jwt/jwt-status-list';
import { jwsSigner } from '../jws-signer.js';
import { statusClaim } from './status-claim.js';

describe('status claim of a Referenced Token (Section 6.2)', () => {
  it('has the shape of the spec example', () => {
    expect(statusClaim(0, 'https://example.com/statuslists/1')).toEqual({ status_list: { idx: 0, uri: 'https://example.com/statuslists/1' } });
  });

  it('is found by an independent implementation in a signed Referenced Token', () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const signingInput = `${encode({ alg: 'ES256', kid: '11' })}.${encode({ iss: 'https://issuer.example.com', status: statusClaim(482_113, 'https://issuer.example.com/status-lists/1') })}`;
    const jwt = `${signingInput}.${jwsSigner('ES256', privateKey)(signingInput)}`;

    expect(getStatusListFromJWT(jwt)).toEqual({ idx: 482_113, uri: 'https://issuer.example.com/status-lists/1' });
  });

  it('refuses an index that is not a non-negative integer', () => {
    expect(() => statusClaim(-1, 'https://example.com/statuslists/1')).toThrow(RangeError);
    expect(() => statusClaim(0.5, 'https://example.com/statuslists/1')).toThrow(RangeError);
  });
});
