import { describe, expect, it } from '@jest/globals';
import { generateKeyPairSync, sign, X509Certificate } from 'node:crypto';
import { createIssuerCertificates, jwkThumbprint, signJwt, type JWK } from '@issuer/crypto';
import { protocolErrorOf } from '@issuer/testing';
import { checkCNonce, createCNonce } from '../nonce/c-nonce.js';
import { verifyAttestationProof } from './verify-attestation-proof.js';
import { verifyJwtProof, type VerifyJwtProofOptions } from './verify-jwt-proof.js';
import { verifyKeyAttestation, type KeyAttestationPolicy } from './verify-key-attestation.js';

const NOW = Math.floor(Date.now() / 1000);
const ISSUER = 'https://credential-issuer.example.com';
const SECRET = 'c-nonce-secret-of-at-least-32-by';
const nonce = createCNonce({ secret: SECRET, now: NOW, ttlSeconds: 300 });
const signer = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const walletProvider = await createIssuerCertificates({ issuerUrl: 'https://wallet-provider.example.com', publicKey: signer.publicKey });
const trustAnchors = [new X509Certificate(walletProvider.iaca.pem)];
const holder = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const holderJwk = holder.publicKey.export({ format: 'jwk' }) as JWK;

function attestation(payload: Record<string, unknown> = {}, header: Record<string, unknown> = {}): string {
  return signJwt(
    {
      header: { typ: 'key-attestation+jwt', alg: 'ES256', x5c: walletProvider.x5c, ...header },
      payload: { iat: NOW, exp: NOW + 3600, attested_keys: [holderJwk], key_storage: ['iso_18045_high'], user_authentication: ['iso_18045_moderate'], ...payload },
    },
    { privateKey: signer.privateKey },
  );
}

const policy: KeyAttestationPolicy = { trustAnchors, allowedAlgs: ['ES256'], now: NOW, expRequired: true };

const refusal = protocolErrorOf;

describe('verifyKeyAttestation (OID4VCI 1.0 Appendix D.1, NEGATIVE-TESTS C14)', () => {
  it('accepts an attestation chained to a trusted Wallet Provider and returns the attested keys', () => {
    const verified = verifyKeyAttestation(attestation(), { ...policy, required: { key_storage: ['iso_18045_high'], user_authentication: ['iso_18045_moderate', 'iso_18045_high'] } });
    expect(verified.attestedJkts).toEqual([jwkThumbprint(holderJwk)]);
    expect(verified.keyStorage).toEqual(['iso_18045_high']);
  });

  it('refuses each defect with invalid_proof', () => {
    const stranger = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const forged = signJwt({ header: { typ: 'key-attestation+jwt', alg: 'ES256', x5c: walletProvider.x5c }, payload: { iat: NOW, exp: NOW + 60, attested_keys: [holderJwk] } }, { privateKey: stranger.privateKey });
    const cases: Array<[string, () => unknown, string]> = [
      ['bad signature', () => verifyKeyAttestation(forged, policy), 'signature does not verify'],
      ['wrong typ', () => verifyKeyAttestation(attestation({}, { typ: 'JWT' }), policy), 'typ expected "key-attestation+jwt"'],
      ['no exp', () => verifyKeyAttestation(attestation({ exp: undefined }), policy), 'has no exp'],
      ['expired', () => verifyKeyAttestation(attestation({ exp: NOW - 1 }), policy), 'expired'],
      ['no iat', () => verifyKeyAttestation(attestation({ iat: undefined }), policy), 'has no iat'],
      ['unknown issuer', () => verifyKeyAttestation(attestation(), { ...policy, trustAnchors: [] }), 'does not chain to a trusted Wallet Provider'],
      ['key storage too weak', () => verifyKeyAttestation(attestation({ key_storage: ['iso_18045_basic'] }), { ...policy, required: { key_storage: ['iso_18045_high'] } }), 'meets none of key_attestations_required.key_storage'],
      ['private attested key', () => verifyKeyAttestation(attestation({ attested_keys: [{ ...holderJwk, d: 'secret' }] }), policy), 'private or symmetric key material'],
      ['no attested keys', () => verifyKeyAttestation(attestation({ attested_keys: [] }), policy), 'attested_keys is not a non-empty array'],
      ['missing nonce', () => verifyKeyAttestation(attestation(), { ...policy, nonce: { required: true, check: () => 'valid' } }), 'has no nonce'],
    ];
    for (const [name, run, reason] of cases) {
      const error = refusal(run);
      expect({ name, error: error.error, reason: error.reason.includes(reason) }).toEqual({ name, error: 'invalid_proof', reason: true });
    }
  });
});

describe('key proofs with key_attestation (Appendix F.1)', () => {
  const options: VerifyJwtProofOptions = {
    credentialIssuer: ISSUER,
    allowedAlgs: ['ES256'],
    now: NOW,
    nonce: { required: true, check: (value) => checkCNonce(value, { secret: SECRET, now: NOW }) },
    anonymous: true,
    keyAttestation: { trustAnchors, required: {} },
  };

  function proof(header: Record<string, unknown>, key = holder.privateKey, jwk = holderJwk): string {
    const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const input = `${b64({ typ: 'openid4vci-proof+jwt', alg: 'ES256', jwk, ...header })}.${b64({ aud: ISSUER, iat: NOW, nonce })}`;
    return `${input}.${sign('sha256', Buffer.from(input), { key, dsaEncoding: 'ieee-p1363' }).toString('base64url')}`;
  }

  it('accepts a proof by an attested key and returns the attestation', () => {
    expect(verifyJwtProof(proof({ key_attestation: attestation() }), options).keyAttestation?.keyStorage).toEqual(['iso_18045_high']);
  });

  it('refuses a proof without key_attestation when the configuration requires one, and a proof by a key not attested', () => {
    expect(refusal(() => verifyJwtProof(proof({}), options)).reason).toContain('has no key_attestation');
    const other = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const unattested = proof({ key_attestation: attestation() }, other.privateKey, other.publicKey.export({ format: 'jwk' }) as JWK);
    expect(refusal(() => verifyJwtProof(unattested, options)).reason).toContain('does not attest');
  });
});

describe('verifyAttestationProof (Appendix F.3, NEGATIVE-TESTS C15)', () => {
  const second = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ format: 'jwk' }) as JWK;
  const checkNonce = { required: true, check: (value: string) => checkCNonce(value, { secret: SECRET, now: NOW }) };
  const base = { trustAnchors, allowedAlgs: ['ES256'], now: NOW, nonce: checkNonce, batchSize: 2 };

  it('gives one holder per attested key when the attestation carries the c_nonce', () => {
    const holders = verifyAttestationProof(attestation({ nonce, attested_keys: [holderJwk, second], exp: undefined }), base);
    expect(holders.map((holder) => holder.jkt)).toEqual([jwkThumbprint(holderJwk), jwkThumbprint(second)]);
  });

  it('refuses an attestation without nonce, or with more keys than the batch size', () => {
    expect(refusal(() => verifyAttestationProof(attestation(), base)).reason).toContain('has no nonce');
    const three = attestation({ nonce, attested_keys: [holderJwk, second, holderJwk] });
    expect(refusal(() => verifyAttestationProof(three, base)).reason).toContain('attests 3 keys, but the batch size is 2');
  });
});
