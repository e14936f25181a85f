import { describe, expect, it } from '@jest/globals';
import { createHmac, ECDH, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { createIssuerCertificates } from '@issuer/crypto';
import { base58 } from '@scure/base';
import { calculateJwkThumbprint, SignJWT } from 'jose';
import type { ProtocolError } from '@issuer/protocol-errors';
import { protocolErrorOf } from '@issuer/testing';
import { checkCNonce, createCNonce } from '../nonce/c-nonce.js';
import { verifyJwtProof, verifyJwtProofs, type VerifyJwtProofOptions } from './verify-jwt-proof.js';

const NOW = 1_760_000_000;
const ISSUER = 'https://credential-issuer.example.com';
const SECRET = 'c-nonce-secret-of-at-least-32-by';
const holder = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const holderJwk = holder.publicKey.export({ format: 'jwk' });
const nonce = createCNonce({ secret: SECRET, now: NOW - 10, ttlSeconds: 300 });

const options: VerifyJwtProofOptions = {
  credentialIssuer: ISSUER,
  allowedAlgs: ['ES256', 'EdDSA'],
  now: NOW,
  nonce: { required: true, check: (value) => checkCNonce(value, { secret: SECRET, now: NOW }) },
  anonymous: true,
};

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A key proof signed with node:crypto; every member can be overridden or removed (undefined). */
function proof(change: { header?: Record<string, unknown>; claims?: Record<string, unknown>; key?: KeyObject } = {}): string {
  const header = withoutUndefined({ typ: 'openid4vci-proof+jwt', alg: 'ES256', jwk: holderJwk, ...change.header });
  const claims = withoutUndefined({ aud: ISSUER, iat: NOW, nonce, ...change.claims });
  const signingInput = `${b64(header)}.${b64(claims)}`;
  return `${signingInput}.${sign('sha256', Buffer.from(signingInput), { key: change.key ?? holder.privateKey, dsaEncoding: 'ieee-p1363' }).toString('base64url')}`;
}

function withoutUndefined(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined));
}

function rejection(jwt: string, change: Partial<VerifyJwtProofOptions> = {}): ProtocolError {
  return protocolErrorOf(() => verifyJwtProof(jwt, { ...options, ...change }));
}

function expectInvalidProof(jwt: string, reason: string | RegExp, change: Partial<VerifyJwtProofOptions> = {}): ProtocolError {
  const error = rejection(jwt, change);
  expect(error.error).toBe('invalid_proof');
  expect(error.reason).toMatch(reason);
  expect(error.help.length).toBeGreaterThan(0);
  return error;
}

describe('verifyJwtProof (OID4VCI 1.0 Appendix F.1, F.4)', () => {
  it('accepts a valid proof and returns the holder key and its thumbprint', async () => {
    const result = verifyJwtProof(proof(), options);
    expect(result.holderJwk).toEqual(holderJwk);
    expect(result.jkt).toBe(await calculateJwkThumbprint(holderJwk));
    expect(result.payload).toMatchObject({ aud: ISSUER, nonce });
  });

  it('names each check it passed with the value it was held against', () => {
    const { checks } = verifyJwtProof(proof({ claims: { iat: NOW + 3 } }), options);
    expect(checks.map((check) => check.check)).toEqual(['typ', 'alg', 'signature', 'aud', 'iss', 'iat', 'nonce']);
    expect(checks.every((check) => check.verdict === 'pass' && check.spec_ref.startsWith('OID4VCI 1.0'))).toBe(true);
    expect(checks.find((check) => check.check === 'aud')?.detail).toBe(`expected ${ISSUER}, got "${ISSUER}"`);
    expect(checks.find((check) => check.check === 'iat')?.detail).toBe(`${NOW + 3} is 3 s from server time ${NOW}; at most 300 s either way is accepted`);
    expect(checks.find((check) => check.check === 'signature')?.detail).toMatch(/^verifies with the holder key from jwk \(thumbprint [\w-]{43}\)$/);
  });

  it('accepts an EdDSA proof made by jose, an independent implementation', async () => {
    const ed = generateKeyPairSync('ed25519');
    const jwt = await new SignJWT({ aud: ISSUER, nonce })
      .setProtectedHeader({ typ: 'openid4vci-proof+jwt', alg: 'EdDSA', jwk: ed.publicKey.export({ format: 'jwk' }) })
      .setIssuedAt(NOW)
      .sign(ed.privateKey);
    expect(verifyJwtProof(jwt, options).holderJwk.crv).toBe('Ed25519');
  });

  it('C6: refuses a proof without nonce when the issuer has a Nonce Endpoint, accepts it otherwise', () => {
    expectInvalidProof(proof({ claims: { nonce: undefined } }), 'key proof has no nonce, but this issuer has a Nonce Endpoint');
    expect(verifyJwtProof(proof({ claims: { nonce: undefined } }), { ...options, nonce: { ...options.nonce, required: false } }).jkt).toBeDefined();
  });

  it('C7: answers a random or expired nonce with invalid_nonce', () => {
    expect(rejection(proof({ claims: { nonce: 'LarRGSbmUPYtRYO6BQ4yn8' } }))).toMatchObject({ error: 'invalid_nonce', reason: 'key proof nonce was not issued by this issuer', specRef: 'OID4VCI 1.0 Section 8.3.1.2' });
    const expired = createCNonce({ secret: SECRET, now: NOW - 400, ttlSeconds: 300 });
    expect(rejection(proof({ claims: { nonce: expired } }))).toMatchObject({ error: 'invalid_nonce', reason: 'key proof nonce has expired' });
  });

  it('C7: refuses a nonce that is not a string with invalid_proof', () => {
    expectInvalidProof(proof({ claims: { nonce: 42 } }), 'nonce must be a string');
  });

  it('C8: refuses a signature by another key and a broken signature', () => {
    expectInvalidProof(proof({ key: generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey }), 'key proof signature does not verify with the jwk in its header');
    const [header, payload] = proof().split('.');
    expectInvalidProof(`${header}.${payload}.${Buffer.alloc(64, 1).toString('base64url')}`, 'signature does not verify');
  });

  it('C8: refuses what is not a compact JWT', () => {
    expectInvalidProof('eyJ0eXAiOiJvcGVuaWQ0dmNpLXByb29mK2p3dCJ9', /^key proof is not a compact JWT: expected 3 dot-separated segments, got 1$/);
  });

  it('C9: refuses a typ other than openid4vci-proof+jwt, and a missing typ', () => {
    expectInvalidProof(proof({ header: { typ: 'JWT' } }), 'key proof typ expected "openid4vci-proof+jwt", got "JWT"');
    expectInvalidProof(proof({ header: { typ: undefined } }), 'got undefined');
  });

  it('C9: refuses alg none, HS256, a missing alg and an alg outside proof_signing_alg_values_supported', () => {
    const claims = b64({ aud: ISSUER, iat: NOW, nonce });
    expectInvalidProof(`${b64({ typ: 'openid4vci-proof+jwt', alg: 'none', jwk: holderJwk })}.${claims}.`, 'key proof has alg "none" (an unsigned JWT), not one of proof_signing_alg_values_supported (ES256, EdDSA)');
    const hsInput = `${b64({ typ: 'openid4vci-proof+jwt', alg: 'HS256', jwk: holderJwk })}.${claims}`;
    expectInvalidProof(`${hsInput}.${createHmac('sha256', 'k').update(hsInput).digest('base64url')}`, /alg "HS256" \(a MAC\)/);
    expectInvalidProof(proof({ header: { alg: undefined } }), 'key proof has no alg');
    expectInvalidProof(proof(), 'alg "ES256"', { allowedAlgs: ['EdDSA'] });
  });

  it('C9: refuses an allowed alg that does not fit the key', () => {
    expectInvalidProof(proof({ header: { alg: 'ES384' } }), 'alg ES384 needs curve P-384, got P-256', { allowedAlgs: ['ES256', 'ES384'] });
  });

  it('C10: refuses jwk together with kid or x5c, and a private key in jwk', () => {
    expectInvalidProof(proof({ header: { kid: 'key-1' } }), 'key proof header has kid and jwk; only one of kid, jwk and x5c may be present');
    expectInvalidProof(proof({ header: { x5c: ['MIIB'] } }), 'header has jwk and x5c');
    const privateJwk = holder.privateKey.export({ format: 'jwk' });
    const error = expectInvalidProof(proof({ header: { jwk: privateJwk } }), 'key proof jwk contains private key members (d)');
    expect(`${error.reason} ${error.help} ${error.description}`).not.toContain(privateJwk.d);
    expectInvalidProof(proof({ header: { jwk: { kty: 'oct', k: 'c2VjcmV0' } } }), 'jwk is a symmetric key');
  });

  it('resolves a kid that is a did:jwk or a did:key (P-256) DID URL offline', () => {
    const didJwk = `did:jwk:${b64(holderJwk)}`;
    expect(verifyJwtProof(proof({ header: { jwk: undefined, kid: `${didJwk}#0` } }), options).holderJwk).toMatchObject(holderJwk);

    const compressed = ECDH.convertKey(Buffer.concat([Buffer.from([4]), Buffer.from(holderJwk.x!, 'base64url'), Buffer.from(holderJwk.y!, 'base64url')]), 'prime256v1', undefined, undefined, 'compressed') as Buffer;
    const didKey = `did:key:z${base58.encode(Buffer.concat([Buffer.from([0x80, 0x24]), compressed]))}`;
    expect(verifyJwtProof(proof({ header: { jwk: undefined, kid: `${didKey}#${didKey.slice(8)}` } }), options).holderJwk).toEqual({ kty: 'EC', crv: 'P-256', x: holderJwk.x, y: holderJwk.y, kid: `${didKey}#${didKey.slice(8)}` });
  });

  it('C11: refuses a DID kid whose method the configuration does not list in cryptographic_binding_methods_supported, with help', () => {
    const didJwk = `did:jwk:${b64(holderJwk)}#0`;
    const noDids = expectInvalidProof(proof({ header: { jwk: undefined, kid: didJwk } }), 'key proof kid is a did:jwk DID URL, but the credential configuration binds to jwk (cryptographic_binding_methods_supported), not to did:jwk', {
      bindingMethods: ['jwk'],
    });
    expect({ help: noDids.help, specRef: noDids.specRef }).toEqual({
      help: 'This credential configuration supports no DIDs: send the holder public key in the jwk header instead of kid',
      specRef: 'OID4VCI 1.0 Section 12.2.4',
    });
    expect(expectInvalidProof(proof({ header: { jwk: undefined, kid: didJwk } }), 'not to did:jwk', { bindingMethods: ['jwk', 'did:key'] }).help).toBe(
      'Use a kid of did:key, or send the holder public key in the jwk header',
    );
    expect(verifyJwtProof(proof({ header: { jwk: undefined, kid: didJwk } }), { ...options, bindingMethods: ['jwk', 'did:jwk'] }).holderJwk).toMatchObject(holderJwk);
    expect(verifyJwtProof(proof(), { ...options, bindingMethods: ['did:key'] }).holderJwk).toEqual(holderJwk);
  });

  it('resolves an x5c header by the public key of its leaf certificate', async () => {
    const { x5c } = await createIssuerCertificates({ issuerUrl: 'https://wallet-provider.example.com', publicKey: holder.publicKey });
    expect(verifyJwtProof(proof({ header: { jwk: undefined, x5c } }), options).holderJwk).toMatchObject({ kty: 'EC', crv: 'P-256', x: holderJwk.x, y: holderJwk.y });
    expectInvalidProof(proof({ header: { jwk: undefined, x5c: ['bm90IGEgY2VydGlmaWNhdGU'] } }), 'x5c[0] is not a DER certificate');
  });

  it('C11: refuses a kid it cannot resolve, and a did:key of another key than the one that signed', () => {
    const unresolvable = expectInvalidProof(proof({ header: { jwk: undefined, kid: 'did:web:wallet.example.com#key-1' } }), 'is neither a did:jwk nor a did:key DID URL');
    expect(unresolvable.help).toMatch(/did:jwk or did:key/);
    // An Ed25519 did:key: resolved, but the ES256 signature cannot be of that key.
    const ed25519 = 'did:key:z6MkvrFpBNCoYewiaeBLgjUDvLxUtnK5R6mqh5XPvLsrPsro';
    expect(rejection(proof({ header: { jwk: undefined, kid: ed25519 } })).error).toBe('invalid_proof');
    expectInvalidProof(proof({ header: { jwk: undefined } }), 'header has none of kid, jwk and x5c');
  });

  it('C12: refuses an aud other than the issuer, or not a string', () => {
    expectInvalidProof(proof({ claims: { aud: 'https://other.example.com' } }), `key proof aud expected ${ISSUER}, got "https://other.example.com"`);
    expectInvalidProof(proof({ claims: { aud: [ISSUER] } }), `key proof aud must be the string ${ISSUER}, got ["${ISSUER}"]`);
    expectInvalidProof(proof({ claims: { aud: undefined } }), 'aud must be the string');
  });

  it('C12: refuses iss with anonymous pre-authorized access, and iss other than the client_id', () => {
    expectInvalidProof(proof({ claims: { iss: 'wallet' } }), 'key proof has iss "wallet", but the access token was obtained through anonymous pre-authorized access');
    expectInvalidProof(proof({ claims: { iss: 'other' } }), 'key proof iss expected wallet (the client_id), got "other"', { anonymous: false, clientId: 'wallet' });
    expect(verifyJwtProof(proof({ claims: { iss: 'wallet' } }), { ...options, anonymous: false, clientId: 'wallet' }).payload.iss).toBe('wallet');
  });

  it('C12: refuses a missing iat and an iat far from now; accepts small skew', () => {
    expectInvalidProof(proof({ claims: { iat: undefined } }), 'key proof iat is missing');
    expectInvalidProof(proof({ claims: { iat: NOW + 3600 } }), `key proof iat ${NOW + 3600} is 3600 s in the future`);
    expectInvalidProof(proof({ claims: { iat: NOW - 3600 } }), /3600 s in the past/);
    expect(verifyJwtProof(proof({ claims: { iat: NOW + 30 } }), options).payload.iat).toBe(NOW + 30);
  });

  it('returns the key_attestation header for the caller to check', () => {
    expect(verifyJwtProof(proof({ header: { key_attestation: 'eyJ...' } }), options).header.key_attestation).toBe('eyJ...');
  });
});

describe('verifyJwtProofs', () => {
  it('verifies every proof of a batch and names the failing index', () => {
    const second = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const good = proof({ header: { jwk: second.publicKey.export({ format: 'jwk' }) }, key: second.privateKey });
    expect(verifyJwtProofs([proof(), good], options)).toHaveLength(2);
    const error = (() => {
      try {
        verifyJwtProofs([proof(), proof({ claims: { aud: 'x' } })], options);
      } catch (caught) {
        return caught as ProtocolError;
      }
      throw new Error('accepted');
    })();
    expect(error.reason).toMatch(/^proofs\.jwt\[1\] aud expected/);
  });

  it('C16: refuses proofs with different nonces', () => {
    const other = createCNonce({ secret: SECRET, now: NOW, ttlSeconds: 300 });
    expect(() => verifyJwtProofs([proof(), proof({ claims: { nonce: other } })], options)).toThrow(/2 different nonces/);
  });

  it('C16: refuses proofs with different key attestations, or with one and without, and accepts the same one in each', () => {
    const error = protocolErrorOf(() => verifyJwtProofs([proof({ header: { key_attestation: 'attestation-a' } }), proof({ header: { key_attestation: 'attestation-b' } }), proof()], options));
    expect({ error: error.error, reason: error.reason }).toEqual({
      error: 'invalid_proof',
      reason: 'the proofs carry 3 different key attestations (proofs.jwt[0] #1, proofs.jwt[1] #2, proofs.jwt[2] none)',
    });
    expect(verifyJwtProofs([proof({ header: { key_attestation: 'attestation-a' } }), proof({ header: { key_attestation: 'attestation-a' } })], options)).toHaveLength(2);
  });
});
