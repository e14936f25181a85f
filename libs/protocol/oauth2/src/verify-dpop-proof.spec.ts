import { describe, expect, it } from '@jest/globals';
import { createHash, createHmac, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { calculateJwkThumbprint, SignJWT } from 'jose';
import type { ProtocolError } from '@issuer/protocol-errors';
import { protocolErrorOf } from '@issuer/testing';
import { verifyDpopProof, type VerifyDpopProofInput } from './verify-dpop-proof.js';

const NOW = 1_760_000_000;
const HTU = 'https://issuer.example.com/token';
const holder = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const holderJwk = holder.publicKey.export({ format: 'jwk' });

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A DPoP proof signed with node:crypto; every part can be overridden or removed (undefined). */
function proof(options: { header?: Record<string, unknown>; claims?: Record<string, unknown>; key?: KeyObject; alg?: string } = {}): string {
  const header = withoutUndefined({ typ: 'dpop+jwt', alg: 'ES256', jwk: holderJwk, ...options.header });
  const claims = withoutUndefined({ jti: 'jti-1', htm: 'POST', htu: HTU, iat: NOW, ...options.claims });
  const signingInput = `${b64(header)}.${b64(claims)}`;
  const signature = sign(options.alg === 'ES384' ? 'sha384' : 'sha256', Buffer.from(signingInput), { key: options.key ?? holder.privateKey, dsaEncoding: 'ieee-p1363' });
  return `${signingInput}.${signature.toString('base64url')}`;
}

function withoutUndefined(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined));
}

function verify(input: Partial<VerifyDpopProofInput> = {}) {
  return verifyDpopProof({ proofs: [proof()], htm: 'POST', htu: HTU, now: NOW, ...input });
}

function rejection(input: Partial<VerifyDpopProofInput>): ProtocolError {
  return protocolErrorOf(() => verify(input));
}

function expectInvalid(input: Partial<VerifyDpopProofInput>, reason: string | RegExp): ProtocolError {
  const error = rejection(input);
  expect(error.error).toBe('invalid_dpop_proof');
  expect(error.reason).toMatch(reason);
  expect(error.help.length).toBeGreaterThan(0);
  expect(error.specRef).toMatch(/^RFC (9449|7515) Section /);
  return error;
}

describe('verifyDpopProof', () => {
  it('accepts a well-formed proof and returns the key thumbprint, jti and claims', async () => {
    const result = verify();
    expect(result.jkt).toBe(await calculateJwkThumbprint(holderJwk));
    expect(result).toMatchObject({ jti: 'jti-1', iat: NOW, jwk: holderJwk, payload: { htm: 'POST', htu: HTU } });
  });

  it('names each check it passed with the value it was held against', () => {
    const token = 'access-token-1';
    const ath = createHash('sha256').update(token).digest('base64url');
    const jkt = verify().jkt;
    const { checks } = verify({ proofs: [proof({ claims: { ath, iat: NOW - 7 } })], accessToken: token, expectedJkt: jkt });
    expect(checks.map((check) => check.check)).toEqual(['typ', 'signature', 'claims', 'htm', 'htu', 'iat', 'ath', 'cnf.jkt']);
    expect(checks.every((check) => check.verdict === 'pass' && /^RFC (9449|7515) Section /.test(check.spec_ref))).toBe(true);
    expect(checks.find((check) => check.check === 'htu')?.detail).toBe(`expected ${HTU}, got "${HTU}"`);
    expect(checks.find((check) => check.check === 'iat')?.detail).toBe(`${NOW - 7} is 7 s from server time ${NOW}; at most 300 s either way is accepted`);
    expect(checks.find((check) => check.check === 'signature')?.detail).toContain(jkt);
  });

  it('accepts a proof made by jose, an independent implementation', async () => {
    const jwt = await new SignJWT({ jti: 'jose-1', htm: 'POST', htu: HTU, iat: NOW })
      .setProtectedHeader({ typ: 'dpop+jwt', alg: 'ES256', jwk: holderJwk })
      .sign(holder.privateKey);
    expect(verify({ proofs: [jwt] }).jti).toBe('jose-1');
  });

  it.each([
    ['EdDSA', generateKeyPairSync('ed25519')],
    ['ES384', generateKeyPairSync('ec', { namedCurve: 'P-384' })],
    ['PS256', generateKeyPairSync('rsa', { modulusLength: 2048 })],
  ])('accepts %s proofs', async (alg, keys) => {
    const jwt = await new SignJWT({ jti: 'j', htm: 'POST', htu: HTU, iat: NOW })
      .setProtectedHeader({ typ: 'dpop+jwt', alg, jwk: keys.publicKey.export({ format: 'jwk' }) })
      .sign(keys.privateKey);
    expect(verify({ proofs: [jwt] }).jti).toBe('j');
  });

  it('D1: refuses two DPoP headers, and none', () => {
    expectInvalid({ proofs: [proof(), proof()] }, '2 DPoP headers were sent');
    expectInvalid({ proofs: [] }, 'no DPoP header was sent');
  });

  it('D2: refuses what is not a JWT', () => {
    expectInvalid({ proofs: ['not-a-jwt'] }, /^DPoP header is not a JWT: expected 3 dot-separated segments/);
    expectInvalid({ proofs: [`${b64([1])}.${b64({})}.AA`] }, /header is JSON but not an object/);
  });

  it.each(['jti', 'htm', 'htu', 'iat'])('D2: refuses a proof without %s', (claim) => {
    expectInvalid({ proofs: [proof({ claims: { [claim]: undefined } })] }, `required claim ${claim} missing`);
  });

  it('D2: refuses a proof without typ or without jwk', () => {
    expectInvalid({ proofs: [proof({ header: { typ: undefined } })] }, 'typ header is missing');
    expectInvalid({ proofs: [proof({ header: { jwk: undefined } })] }, 'jwk header is missing');
  });

  it('D2: refuses claims of the wrong type', () => {
    expectInvalid({ proofs: [proof({ claims: { iat: '1760000000' } })] }, 'iat must be a number of seconds, got "1760000000"');
    expectInvalid({ proofs: [proof({ claims: { jti: '' } })] }, 'jti must be a non-empty string');
  });

  it('D3: refuses typ other than dpop+jwt', () => {
    expectInvalid({ proofs: [proof({ header: { typ: 'JWT' } })] }, 'typ expected "dpop+jwt", got "JWT"');
  });

  it('D4: refuses alg none, HMAC, a missing alg and an alg that does not fit the key', () => {
    const unsigned = `${b64({ typ: 'dpop+jwt', alg: 'none', jwk: holderJwk })}.${b64({ jti: 'j', htm: 'POST', htu: HTU, iat: NOW })}.`;
    expectInvalid({ proofs: [unsigned] }, 'alg "none" means an unsigned JWT');
    const hmacInput = `${b64({ typ: 'dpop+jwt', alg: 'HS256', jwk: holderJwk })}.${b64({ jti: 'j', htm: 'POST', htu: HTU, iat: NOW })}`;
    const hmac = `${hmacInput}.${createHmac('sha256', 'secret').update(hmacInput).digest('base64url')}`;
    expectInvalid({ proofs: [hmac] }, 'alg "HS256" is a MAC');
    expectInvalid({ proofs: [proof({ header: { alg: undefined } })] }, 'alg is missing');
    expectInvalid({ proofs: [proof({ header: { alg: 'ES384' } })] }, 'alg ES384 needs curve P-384, got P-256');
  });

  it('D4: refuses an alg outside the accepted list', () => {
    expectInvalid({ allowedAlgs: ['EdDSA'] }, 'alg ES256 is not one of the accepted EdDSA');
  });

  it('D5: refuses a bad signature', () => {
    const other = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    expectInvalid({ proofs: [proof({ key: other.privateKey })] }, 'signature does not verify with the jwk in the header');
    const [header, payload] = proof().split('.');
    expectInvalid({ proofs: [`${header}.${payload}.${Buffer.alloc(64).toString('base64url')}`] }, 'signature does not verify');
  });

  it('D6: refuses a jwk with a private key or a symmetric key', () => {
    const privateJwk = holder.privateKey.export({ format: 'jwk' });
    const error = expectInvalid({ proofs: [proof({ header: { jwk: privateJwk } })] }, 'jwk contains private key members (d)');
    expect(JSON.stringify([error.reason, error.help, error.description])).not.toContain(privateJwk.d);
    expectInvalid({ proofs: [proof({ header: { jwk: { kty: 'oct', k: 'c2VjcmV0' } } })] }, 'jwk is a symmetric key');
  });

  it('D7: refuses a wrong htm and another htu, saying what was expected', () => {
    expectInvalid({ proofs: [proof({ claims: { htm: 'PUT' } })] }, 'htm expected POST, got "PUT"');
    expectInvalid({ proofs: [proof({ claims: { htu: 'https://issuer.example.com/credential' } })] }, 'htu expected https://issuer.example.com/token, got "https://issuer.example.com/credential"');
    expectInvalid({ proofs: [proof({ claims: { htu: 'https://other.example.com/token' } })] }, /^htu expected/);
  });

  it.each([
    ['query and fragment', 'https://issuer.example.com/token?foo=bar#frag'],
    ['upper-case scheme and host', 'HTTPS://ISSUER.EXAMPLE.COM/token'],
    ['the default port', 'https://issuer.example.com:443/token'],
    ['percent-encoded unreserved characters', 'https://issuer.example.com/%74oken'],
  ])('D8: accepts an htu with %s', (_, htu) => {
    expect(verify({ proofs: [proof({ claims: { htu } })] }).jti).toBe('jti-1');
  });

  it('D8: keeps the path case-sensitive and a non-default port significant', () => {
    expectInvalid({ proofs: [proof({ claims: { htu: 'https://issuer.example.com/TOKEN' } })] }, /^htu expected/);
    expectInvalid({ proofs: [proof({ claims: { htu: 'https://issuer.example.com:8443/token' } })] }, /^htu expected/);
  });

  it('D9: refuses the internal pod URL and accepts the public URL', () => {
    const internal = 'http://auth-service.issuer.svc.cluster.local:8080/token';
    expectInvalid({ proofs: [proof({ claims: { htu: internal } })] }, `htu expected ${HTU}, got "${internal}"`);
    expect(verify({ htu: HTU }).jti).toBe('jti-1');
  });

  it.each([10, -10, 299, -299])('D10: accepts iat %i s from now', (offset) => {
    expect(verify({ proofs: [proof({ claims: { iat: NOW + offset } })] }).iat).toBe(NOW + offset);
  });

  it.each([3600, -3600])('D10: refuses iat %i s from now', (offset) => {
    expectInvalid({ proofs: [proof({ claims: { iat: NOW + offset } })] }, `iat ${NOW + offset} is 3600 s in the ${offset > 0 ? 'future' : 'past'}`);
  });

  it('D10: applies a narrower window when asked', () => {
    expectInvalid({ proofs: [proof({ claims: { iat: NOW - 61 } })], iatWindowSeconds: 60 }, 'at most 60 s either way');
  });

  it('D11: returns the jti so the caller can refuse a replay', () => {
    expect(verify({ proofs: [proof({ claims: { jti: 'unique-42' } })] }).jti).toBe('unique-42');
  });

  describe('D12: nonces', () => {
    const policy = { required: true, isValid: (nonce: string) => nonce === 'current', fresh: () => 'fresh-nonce' };

    it('answers a missing nonce with use_dpop_nonce and a fresh DPoP-Nonce', () => {
      const error = rejection({ nonce: policy });
      expect(error.error).toBe('use_dpop_nonce');
      expect(error.headers).toEqual({ 'DPoP-Nonce': 'fresh-nonce' });
      expect(error.specRef).toBe('RFC 9449 Section 8');
    });

    it('answers a stale nonce with use_dpop_nonce', () => {
      const error = rejection({ nonce: policy, proofs: [proof({ claims: { nonce: 'stale' } })] });
      expect(error).toMatchObject({ error: 'use_dpop_nonce', headers: { 'DPoP-Nonce': 'fresh-nonce' } });
    });

    it('accepts the current nonce, and no nonce when none is required', () => {
      expect(verify({ nonce: policy, proofs: [proof({ claims: { nonce: 'current' } })] }).payload.nonce).toBe('current');
      expect(verify({ nonce: { ...policy, required: false } }).jti).toBe('jti-1');
    });

    it('refuses a nonce that is not a string', () => {
      expectInvalid({ nonce: policy, proofs: [proof({ claims: { nonce: 7 } })] }, 'nonce must be a string');
    });
  });

  describe('at a resource server', () => {
    const accessToken = 'eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJzZXNzaW9uIn0.c2ln';
    const ath = createHash('sha256').update(accessToken).digest('base64url');

    it('accepts a proof whose ath hashes the access token and whose key is the bound key', async () => {
      const expectedJkt = await calculateJwkThumbprint(holderJwk);
      const result = verify({ accessToken, expectedJkt, htm: 'POST', htu: 'https://issuer.example.com/credential', proofs: [proof({ claims: { ath, htu: 'https://issuer.example.com/credential' } })] });
      expect(result.jkt).toBe(expectedJkt);
    });

    it('D13: refuses a wrong or missing ath', () => {
      expectInvalid({ accessToken, proofs: [proof({ claims: { ath: 'wrong' } })] }, 'ath "wrong" is not the hash of the presented access token');
      expectInvalid({ accessToken }, 'ath claim is missing');
    });

    it('D14: refuses a proof signed by another key than cnf.jkt', async () => {
      const other = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ format: 'jwk' });
      const expectedJkt = await calculateJwkThumbprint(other);
      expectInvalid({ accessToken, expectedJkt, proofs: [proof({ claims: { ath } })] }, `does not match the access token's cnf.jkt ${expectedJkt}`);
    });
  });

  it('D17: accepts extra claims and extra header parameters', () => {
    const result = verify({ proofs: [proof({ header: { kid: 'extra', x_custom: true }, claims: { extra: 'claim', exp: NOW + 60 } })] });
    expect(result.payload.extra).toBe('claim');
  });

  it('refuses a crit header it cannot process', () => {
    expectInvalid({ proofs: [proof({ header: { crit: ['b64'], b64: false } })] }, /crit header/);
  });
});
