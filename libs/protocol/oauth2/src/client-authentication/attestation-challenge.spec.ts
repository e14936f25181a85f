import { describe, expect, it } from '@jest/globals';
import { sealJson } from '@issuer/crypto';
import { createDpopNonce } from '../dpop-nonce.js';
import {
  attestationChallengeHeaders,
  attestationChallengeResponse,
  checkAttestationChallenge,
  createAttestationChallenge,
  sealedAttestationChallengePolicy,
} from './attestation-challenge.js';

const secret = 'attestation-challenge-secret-32by';
const NOW = 1_760_000_000;

describe('attestation challenges (draft-ietf-oauth-attestation-based-client-auth-07 Section 8)', () => {
  it('are valid until their expiry and unpredictable', () => {
    const challenge = createAttestationChallenge({ secret, now: NOW, ttlSeconds: 300 });
    expect(checkAttestationChallenge(challenge, { secret, now: NOW + 299 })).toBe('valid');
    expect(checkAttestationChallenge(challenge, { secret, now: NOW + 300 })).toBe('expired');
    expect(createAttestationChallenge({ secret, now: NOW, ttlSeconds: 300 })).not.toBe(challenge);
  });

  it('are invalid under another secret, when altered, or when sealed for another purpose', () => {
    const challenge = createAttestationChallenge({ secret, now: NOW, ttlSeconds: 300 });
    expect(checkAttestationChallenge(challenge, { secret: 'another-secret-of-32-bytes-00000', now: NOW })).toBe('invalid');
    expect(checkAttestationChallenge(`${challenge.slice(0, -2)}AA`, { secret, now: NOW })).toBe('invalid');
    expect(checkAttestationChallenge(createDpopNonce({ secret, now: NOW, ttlSeconds: 300 }), { secret, now: NOW })).toBe('invalid');
    expect(checkAttestationChallenge(sealJson({ exp: NOW + 100 }, secret, 'c_nonce'), { secret, now: NOW })).toBe('invalid');
  });

  it('are served by the challenge endpoint as attestation_challenge, uncacheable', () => {
    const response = attestationChallengeResponse({ secret, now: NOW, ttlSeconds: 300 });
    expect(response.headers).toEqual({ 'Cache-Control': 'no-store' });
    expect(checkAttestationChallenge(response.body.attestation_challenge, { secret, now: NOW })).toBe('valid');
  });

  it('back the challenge policy and the OAuth-Client-Attestation-Challenge header of any response (Section 8.1)', () => {
    const policy = sealedAttestationChallengePolicy({ secret, now: NOW, ttlSeconds: 300, required: true });
    expect(policy.check(policy.fresh())).toBe('valid');
    expect(policy.check('random')).toBe('invalid');
    const headers = attestationChallengeHeaders(policy);
    expect(policy.check(headers['OAuth-Client-Attestation-Challenge'] as string)).toBe('valid');
    expect(attestationChallengeHeaders(undefined)).toEqual({});
  });
});
