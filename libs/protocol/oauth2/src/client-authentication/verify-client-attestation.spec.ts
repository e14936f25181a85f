import { describe, expect, it } from '@jest/globals';
import { generateKeyPairSync, X509Certificate } from 'node:crypto';
import { createIacaCertificate, createIssuerCertificates, jwkThumbprint, type JWK } from '@issuer/crypto';
import { createClientAttestation, createClientAttestationPop, createWalletKey, protocolErrorOf, type WalletKey } from '@issuer/testing';
import { checkAttestationChallenge, createAttestationChallenge, sealedAttestationChallengePolicy } from './attestation-challenge.js';
import { verifyClientAttestation, type VerifyClientAttestationInput } from './verify-client-attestation.js';

// Certificates are generated at the real time, so the clock of these tests is the real one.
const NOW = Math.floor(Date.now() / 1000);
const AS = 'https://issuer.example.com';
const CLIENT_ID = 'https://wallet.example.org';
const SECRET = 'attestation-challenge-secret-32by';

const providerKey = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const provider = await createIssuerCertificates({ issuerUrl: 'https://wallet-provider.example.com', publicKey: providerKey.publicKey });
const trustAnchors = [new X509Certificate(provider.iaca.pem)];
const otherProvider = await createIssuerCertificates({ issuerUrl: 'https://rogue-provider.example.com', publicKey: providerKey.publicKey });
const selfSigned = await createIacaCertificate({ privateKey: providerKey.privateKey, country: 'XX', commonName: 'Self-signed wallet provider', issuerAlternativeName: 'https://wallet-provider.example.com' });
const instance = createWalletKey();
const stranger = createWalletKey();

type Members = Record<string, unknown>;

function attestation(payload: Members = {}, header: Members = {}, key = providerKey.privateKey): string {
  return createClientAttestation({
    provider: { privateKey: key, x5c: provider.x5c },
    instance,
    clientId: CLIENT_ID,
    iat: NOW - 3600,
    overrides: { header, payload: { wallet_name: 'Wallet Solution X', wallet_link: 'https://wallet.example.org/about', ...payload } },
  });
}

function pop(payload: Members = {}, header: Members = {}, signer: WalletKey = instance): string {
  return createClientAttestationPop({ instance: signer, clientId: CLIENT_ID, aud: AS, jti: 'pop-jti-1', iat: NOW, overrides: { header, payload } });
}

function unsigned(header: Members, payload: Members): string {
  const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${b64(header)}.${b64(payload)}.`;
}

function input(overrides: Partial<VerifyClientAttestationInput> = {}): VerifyClientAttestationInput {
  return { attestation: [attestation()], pop: [pop()], trustAnchors, issuer: AS, now: NOW, ...overrides };
}

const verify = (overrides: Partial<VerifyClientAttestationInput> = {}) => verifyClientAttestation(input(overrides));

describe('verifyClientAttestation (OID4VCI 1.0 Appendix E, HAIP 1.0 Section 4.4.1)', () => {
  it('accepts a Wallet Attestation chained to a trusted Wallet Provider with its PoP, and returns what the timeline and replay check need', () => {
    const verified = verify();
    expect(verified).toMatchObject({
      clientId: CLIENT_ID,
      attester: 'https://wallet-provider.example.com',
      walletName: 'Wallet Solution X',
      walletLink: 'https://wallet.example.org/about',
      cnfJkt: instance.jkt,
      attestationExp: NOW - 3600 + 86_400,
      popJti: 'pop-jti-1',
      popJtiExpiresAt: NOW + 300 + 60,
    });
    expect(verified.attesterCertificate).toContain('wallet-provider.example.com');
    expect(verified.challenge).toBeUndefined();
  });

  it('accepts an aud array naming the authorization server, a matching client_id, and no iat in the attestation', () => {
    expect(verify({ pop: [pop({ aud: ['https://other.example.com', AS] })], expectedClientId: CLIENT_ID, attestation: [attestation({ iat: undefined })] }).clientId).toBe(CLIENT_ID);
  });

  it('leaves out wallet metadata the attestation does not carry', () => {
    const verified = verify({ attestation: [attestation({ wallet_name: undefined, wallet_link: 42 })] });
    expect('walletName' in verified || 'walletLink' in verified).toBe(false);
  });

  describe('refuses with invalid_client (NEGATIVE-TESTS T10)', () => {
    const forgedAttestation = attestation({}, {}, stranger.privateKey);
    const goodPop = pop();
    const tamperedPop = `${goodPop.slice(0, goodPop.lastIndexOf('.') + 1)}${Buffer.alloc(64, 1).toString('base64url')}`;
    const cases: Array<[string, Partial<VerifyClientAttestationInput>, string, string]> = [
      ['attestation absent', { attestation: [] }, 'no OAuth-Client-Attestation header was sent', 'Section 6.2'],
      ['attestation header empty', { attestation: [' '] }, 'no OAuth-Client-Attestation header was sent', 'Section 6.2'],
      ['PoP absent', { pop: [] }, 'no OAuth-Client-Attestation-PoP header was sent', 'Section 6.2'],
      ['two attestation headers', { attestation: [attestation(), attestation()] }, '2 OAuth-Client-Attestation headers were sent', 'Section 6.2'],
      ['attestation not a JWT', { attestation: ['not-a-jwt'] }, 'OAuth-Client-Attestation is not a compact JWT', 'Section 5.1'],
      ['attestation bad signature', { attestation: [forgedAttestation] }, 'OAuth-Client-Attestation signature does not verify with the key of its x5c[0] certificate', 'Section 5.1'],
      ['PoP bad signature', { pop: [tamperedPop] }, 'OAuth-Client-Attestation-PoP signature does not verify with the attestation\'s cnf.jwk', 'Section 5.2'],
      ['PoP wrong aud', { pop: [pop({ aud: 'https://other-issuer.example.com' })] }, 'aud "https://other-issuer.example.com" does not name this authorization server "https://issuer.example.com"', 'Section 5.2'],
      ['PoP without aud', { pop: [pop({ aud: undefined })] }, 'aud missing does not name this authorization server', 'Section 5.2'],
      ['attestation exp in past', { attestation: [attestation({ exp: NOW - 120 })] }, `OAuth-Client-Attestation expired: exp ${NOW - 120} is 120 s before the server time ${NOW}`, 'Section 5.1'],
      ['attestation without exp', { attestation: [attestation({ exp: undefined })] }, 'OAuth-Client-Attestation has no exp claim', 'Section 5.1'],
      ['attestation without sub', { attestation: [attestation({ sub: undefined })] }, 'OAuth-Client-Attestation sub must be the client_id as a non-empty string, got missing', 'Section 5.1'],
      ['attestation without iss', { attestation: [attestation({ iss: undefined })] }, 'OAuth-Client-Attestation iss must be a non-empty string, got missing', 'Section 5.1'],
      ['PoP signed by another key than cnf', { pop: [pop({}, {}, stranger)] }, `signature does not verify with the attestation's cnf.jwk (thumbprint ${instance.jkt})`, 'Section 5.2'],
      ['PoP naming another key than cnf', { pop: [pop({}, { jwk: stranger.publicJwk }, stranger)] }, `is signed with the key of its jwk header (thumbprint ${stranger.jkt}), not with the attestation's cnf.jwk (thumbprint ${instance.jkt})`, 'Section 5.2 rule 3'],
      ['untrusted chain', { attestation: [attestation({}, { x5c: otherProvider.x5c })] }, 'x5c does not chain to a trusted Wallet Provider: x5c[0]', 'OID4VCI 1.0 Appendix E'],
      ['self-signed leaf', { attestation: [attestation({}, { x5c: [selfSigned.der] })], trustAnchors: [...trustAnchors, new X509Certificate(selfSigned.pem)] }, 'is self-signed', 'HAIP 1.0 Section 4.4.1'],
      ['trust anchor in x5c', { attestation: [attestation({}, { x5c: [...provider.x5c, provider.iaca.der] })] }, 'x5c[1]', 'HAIP 1.0 Section 4.4.1'],
      ['no x5c', { attestation: [attestation({}, { x5c: undefined })] }, 'OAuth-Client-Attestation has no x5c header', 'HAIP 1.0 Section 4.4.1'],
      ['attestation typ', { attestation: [attestation({}, { typ: 'JWT' })] }, 'OAuth-Client-Attestation typ expected "oauth-client-attestation+jwt", got "JWT"', 'Section 5.1'],
      ['PoP typ', { pop: [pop({}, { typ: undefined })] }, 'OAuth-Client-Attestation-PoP typ expected "oauth-client-attestation-pop+jwt", got missing', 'Section 5.2'],
      ['attestation alg none', { attestation: [unsigned({ typ: 'oauth-client-attestation+jwt', alg: 'none', x5c: provider.x5c }, { iss: 'x', sub: CLIENT_ID })] }, 'OAuth-Client-Attestation alg "none" means an unsigned JWT', 'Section 5.1'],
      ['PoP alg HS256', { pop: [pop({}, { alg: 'HS256' })] }, 'OAuth-Client-Attestation-PoP alg "HS256" is a MAC, not an asymmetric signature', 'Section 5.2'],
      ['PoP alg not accepted', { pop: [pop({}, { alg: 'ES384' })], allowedAlgs: ['ES256'] }, 'OAuth-Client-Attestation-PoP alg ES384 is not one of the accepted ES256', 'Section 5.2'],
      ['crit header', { attestation: [attestation({}, { crit: ['b64'] })] }, 'crit header ["b64"] names extensions this server does not process', 'RFC 7515 Section 4.1.11'],
      ['no cnf', { attestation: [attestation({ cnf: undefined })] }, 'OAuth-Client-Attestation cnf must be an object with a jwk member, got missing', 'Section 5.1'],
      ['cnf without jwk', { attestation: [attestation({ cnf: { jkt: instance.jkt } })] }, 'OAuth-Client-Attestation cnf.jwk must be a JWK object, got missing', 'Section 5.1'],
      ['private cnf key', { attestation: [attestation({ cnf: { jwk: { ...instance.publicJwk, d: 'c2VjcmV0' } } })] }, 'cnf.jwk: jwk contains private key members (d)', 'Section 9'],
      ['attestation not yet valid', { attestation: [attestation({ nbf: NOW + 600 })] }, `is not valid before nbf ${NOW + 600}`, 'Section 5.1'],
      ['client_id other than sub', { expectedClientId: 'https://other-wallet.example.org' }, 'client_id "https://other-wallet.example.org" is not the Wallet Attestation sub "https://wallet.example.org"', 'Sections 6.3 and 6.4'],
      ['PoP iss other than sub', { pop: [pop({ iss: 'https://other-wallet.example.org' })] }, 'OAuth-Client-Attestation-PoP iss "https://other-wallet.example.org" is not the attestation sub "https://wallet.example.org"', 'Section 5.2 rule 4'],
      ['PoP without iss', { pop: [pop({ iss: undefined })] }, 'OAuth-Client-Attestation-PoP iss missing is not the attestation sub', 'Section 5.2 rule 4'],
      ['PoP without jti', { pop: [pop({ jti: undefined })] }, 'OAuth-Client-Attestation-PoP jti must be a non-empty string, got missing', 'Section 5.2'],
      ['PoP without iat', { pop: [pop({ iat: undefined })] }, 'OAuth-Client-Attestation-PoP has no iat claim', 'Section 5.2'],
      ['PoP too old', { pop: [pop({ iat: NOW - 400 })] }, `OAuth-Client-Attestation-PoP iat ${NOW - 400} is 400 s old; at most 300 s (and 60 s of skew) is accepted`, 'Section 5.2'],
      ['PoP from the future', { pop: [pop({ iat: NOW + 120 })] }, `OAuth-Client-Attestation-PoP iat ${NOW + 120} is 120 s in the future`, 'Section 5.2'],
      ['PoP expired', { pop: [pop({ exp: NOW - 61 })] }, 'OAuth-Client-Attestation-PoP expired', 'Section 5.2'],
    ];

    it.each(cases)('%s', (_name, overrides, reason, specRef) => {
      const error = protocolErrorOf(() => verify(overrides));
      expect({ error: error.error, status: error.status }).toEqual({ error: 'invalid_client', status: 401 });
      expect(error.reason).toContain(reason);
      expect(error.specRef).toContain(specRef);
      expect(error.help.length).toBeGreaterThan(10);
      expect(error.toWire()).toEqual({ error: 'invalid_client', error_description: 'Client authentication failed' });
    });

    it('names the offending certificate when the attester is not trusted', () => {
      const error = protocolErrorOf(() => verify({ attestation: [attestation({}, { x5c: otherProvider.x5c })] }));
      expect(error.reason).toContain('rogue-provider.example.com');
      expect(error.help).toBe('Use a Wallet Attestation from a Wallet Provider this issuer trusts');
    });

    it('accepts an older PoP or a later clock when the policy allows more', () => {
      expect(verify({ pop: [pop({ iat: NOW - 400 })], popMaxAgeSeconds: 600 }).popJtiExpiresAt).toBe(NOW - 400 + 600 + 60);
      expect(verify({ attestation: [attestation({ exp: NOW - 120 })], clockSkewSeconds: 300 }).clientId).toBe(CLIENT_ID);
    });
  });

  describe('server-provided challenges (draft 07 Sections 6.2 and 8)', () => {
    const policy = sealedAttestationChallengePolicy({ secret: SECRET, now: NOW, ttlSeconds: 300, required: true });

    it('accepts a current challenge of this server and returns it', () => {
      const challenge = createAttestationChallenge({ secret: SECRET, now: NOW - 10, ttlSeconds: 300 });
      expect(verify({ pop: [pop({ challenge })], challenge: policy }).challenge).toBe(challenge);
    });

    it.each<[string, unknown, string]>([
      ['missing', undefined, 'PoP has no challenge claim and this authorization server requires one'],
      ['expired', createAttestationChallenge({ secret: SECRET, now: NOW - 600, ttlSeconds: 300 }), 'PoP challenge was issued by this authorization server but has expired'],
      ['foreign', createAttestationChallenge({ secret: 'another-deployment-secret-000000', now: NOW, ttlSeconds: 300 }), 'PoP challenge was not issued by this authorization server'],
      ['not a string', 7, 'PoP challenge must be a string, got 7'],
    ])('answers a %s challenge with 400 use_attestation_challenge and a fresh OAuth-Client-Attestation-Challenge', (_name, challenge, reason) => {
      const error = protocolErrorOf(() => verify({ pop: [pop({ challenge })], challenge: policy }));
      expect({ error: error.error, status: error.status, reason: error.reason, specRef: error.specRef }).toEqual({
        error: 'use_attestation_challenge',
        status: 400,
        reason,
        specRef: 'draft-ietf-oauth-attestation-based-client-auth-07 Section 6.2',
      });
      expect(checkAttestationChallenge(error.headers['OAuth-Client-Attestation-Challenge'] as string, { secret: SECRET, now: NOW })).toBe('valid');
    });

    it('lets a PoP without challenge through when challenges are offered but not required', () => {
      expect(verify({ challenge: { ...policy, required: false } }).challenge).toBeUndefined();
    });

    it('checks the attestation and its PoP signature before the challenge', () => {
      expect(protocolErrorOf(() => verify({ pop: [pop({}, {}, stranger)], challenge: policy })).error).toBe('invalid_client');
    });
  });

  it('checks keys by thumbprint, whatever members the cnf.jwk carries besides', () => {
    const cnf: JWK = { ...instance.publicJwk, use: 'sig', kid: 'instance-key' };
    expect(verify({ attestation: [attestation({ cnf: { jwk: cnf } })] }).cnfJkt).toBe(jwkThumbprint(instance.publicJwk));
  });
});
