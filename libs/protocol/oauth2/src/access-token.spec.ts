import { describe, expect, it } from '@jest/globals';
import { generateKeyPairSync } from 'node:crypto';
import { createSigningKey, signJwt } from '@issuer/crypto';
import type { ProtocolError } from '@issuer/protocol-errors';
import { protocolErrorOf } from '@issuer/testing';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { issueAccessToken, verifyAccessToken, type IssueAccessTokenInput, type VerifyAccessTokenOptions } from './access-token.js';

const NOW = 1_760_000_000;
const ISSUER = 'https://issuer.example.com';
const key = createSigningKey({ privateKey: generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey });
const otherKey = createSigningKey({ privateKey: generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey });

const claims: IssueAccessTokenInput = {
  iss: ISSUER,
  aud: ISSUER,
  sub: 'session-1',
  sid: 'session-1',
  cnf: { jkt: 'holder-thumbprint' },
  credential_configuration_ids: ['eu.europa.ec.eudi.pid.1'],
  expiresIn: 300,
  now: NOW,
};
const unbound: IssueAccessTokenInput = { ...claims, cnf: undefined };
const options: VerifyAccessTokenOptions = { jwks: { keys: [otherKey.publicJwk, key.publicJwk] }, issuer: ISSUER, audience: ISSUER, now: NOW + 10, scheme: 'DPoP' };

function rejection(token: string, change: Partial<VerifyAccessTokenOptions> = {}): ProtocolError {
  return protocolErrorOf(() => verifyAccessToken(token, { ...options, ...change }));
}

describe('issueAccessToken', () => {
  it('issues a DPoP-bound RFC 9068 JWT that jose verifies', async () => {
    const issued = issueAccessToken(claims, key);
    expect(issued).toMatchObject({ token_type: 'DPoP', expires_in: 300 });
    const { payload, protectedHeader } = await jwtVerify(issued.access_token, createLocalJWKSet({ keys: [key.publicJwk] }), {
      issuer: ISSUER,
      audience: ISSUER,
      typ: 'at+jwt',
      currentDate: new Date(NOW * 1000),
    });
    expect(protectedHeader).toMatchObject({ typ: 'at+jwt', alg: 'ES256', kid: key.kid });
    expect(payload).toMatchObject({ sub: 'session-1', sid: 'session-1', cnf: { jkt: 'holder-thumbprint' }, iat: NOW, exp: NOW + 300 });
    expect(typeof payload.jti).toBe('string');
  });

  it('issues a Bearer token when no key is bound, and a new jti every time', () => {
    const a = issueAccessToken(unbound, key);
    expect(a.token_type).toBe('Bearer');
    const jti = (token: string) => verifyAccessToken(token, { ...options, scheme: 'Bearer' }).jti;
    expect(jti(a.access_token)).not.toBe(jti(issueAccessToken(unbound, key).access_token));
  });
});

describe('verifyAccessToken', () => {
  it('returns the claims of a valid token, finding the key by kid', () => {
    const token = issueAccessToken({ ...claims, client_id: 'wallet', authorization_details: [{ type: 'openid_credential' }], compatibility_profile: 'strict-1.0' }, key).access_token;
    expect(verifyAccessToken(token, options)).toMatchObject({
      sub: 'session-1',
      client_id: 'wallet',
      cnf: { jkt: 'holder-thumbprint' },
      credential_configuration_ids: ['eu.europa.ec.eudi.pid.1'],
      authorization_details: [{ type: 'openid_credential' }],
      compatibility_profile: 'strict-1.0',
    });
    expect(verifyAccessToken(issueAccessToken(claims, key).access_token, options).compatibility_profile).toBeUndefined();
    expect(verifyAccessToken(token, { ...options, jwks: undefined, publicKey: key.publicJwk }).sid).toBe('session-1');
  });

  it('carries an issuance\'s key attestation requirement to the credential endpoint, and nothing when there is none', () => {
    expect(verifyAccessToken(issueAccessToken({ ...claims, key_attestation_required: true }, key).access_token, options).key_attestation_required).toBe(true);
    expect(verifyAccessToken(issueAccessToken({ ...claims, key_attestation_required: false }, key).access_token, options)).not.toHaveProperty('key_attestation_required');
  });

  it("carries an issuance's test behaviours to the credential endpoint, and nothing when there are none", () => {
    const testBehaviours = { reject_first_proof: true, issue_fewer_credentials: 2 };
    expect(verifyAccessToken(issueAccessToken({ ...claims, test_behaviours: testBehaviours }, key).access_token, options).test_behaviours).toEqual(testBehaviours);
    expect(verifyAccessToken(issueAccessToken(claims, key).access_token, options)).not.toHaveProperty('test_behaviours');
  });

  it('C4: refuses an expired token', () => {
    const token = issueAccessToken(claims, key).access_token;
    expect(rejection(token, { now: NOW + 300 })).toMatchObject({ error: 'invalid_token', reason: expect.stringContaining('access token expired at') });
  });

  it('C4: refuses another audience or issuer', () => {
    const token = issueAccessToken(claims, key).access_token;
    expect(rejection(token, { audience: 'https://other.example.com' }).reason).toBe(`aud expected https://other.example.com, got "${ISSUER}"`);
    expect(rejection(token, { issuer: 'https://other.example.com' }).reason).toMatch(/^iss expected/);
  });

  it('C4: refuses a token signed by another key, an unknown kid, and what is not a JWT', () => {
    const forged = signJwt({ header: { typ: 'at+jwt', kid: key.kid }, payload: { iss: ISSUER } }, otherKey);
    expect(rejection(forged).reason).toBe('signature does not verify with the issuer key');
    const unknownKid = issueAccessToken(claims, createSigningKey({ privateKey: generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey })).access_token;
    expect(rejection(unknownKid).reason).toMatch(/^kid ".*" is not a key of this issuer$/);
    expect(rejection('opaque-token').reason).toMatch(/^access token is not a JWT issued here/);
  });

  it('checks the claims of a token verified before on every presentation, and only for the key it verified with', () => {
    const token = issueAccessToken(claims, key).access_token;
    expect(verifyAccessToken(token, options).sid).toBe('session-1');
    expect(verifyAccessToken(token, options).sid).toBe('session-1');
    expect(rejection(token, { now: NOW + 300 }).reason).toMatch(/^access token expired at/);
    expect(rejection(token, { jwks: undefined, publicKey: otherKey.publicJwk }).reason).toBe('signature does not verify with the issuer key');
  });

  it('refuses a token whose signature does not verify every time it is presented', () => {
    const token = issueAccessToken(claims, key).access_token;
    const [header, payload] = token.split('.');
    const tampered = `${header}.${payload}.${Buffer.alloc(64, 1).toString('base64url')}`;
    expect(rejection(tampered).reason).toBe('signature does not verify with the issuer key');
    expect(rejection(tampered).reason).toBe('signature does not verify with the issuer key');
    expect(verifyAccessToken(token, options).sid).toBe('session-1');
  });

  it('refuses a JWT of another type, e.g. a DPoP proof or an ID token', () => {
    const idToken = signJwt({ header: { typ: 'JWT', kid: key.kid }, payload: {} }, key);
    expect(rejection(idToken).reason).toBe('typ expected "at+jwt", got "JWT"');
  });

  it('D15: refuses a DPoP-bound token presented with the Bearer scheme', () => {
    const token = issueAccessToken(claims, key).access_token;
    expect(rejection(token, { scheme: 'Bearer' })).toMatchObject({ error: 'invalid_token', specRef: 'RFC 9449 Section 7.1' });
  });

  it('refuses an unbound token presented with the DPoP scheme', () => {
    expect(rejection(issueAccessToken(unbound, key).access_token, { scheme: 'DPoP' }).reason).toMatch(/not DPoP-bound/);
  });
});
