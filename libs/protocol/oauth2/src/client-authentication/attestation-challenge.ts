import { openSealed, randomToken, sealJson } from '@issuer/crypto';
import { OAUTH_CLIENT_ATTESTATION_CHALLENGE_HEADER } from './client-authentication-method.js';

const CONTEXT = 'attestation_challenge';

export type AttestationChallengeStatus = 'valid' | 'expired' | 'invalid';

export interface AttestationChallengeSecret {
  secret: string | Uint8Array;
  /** Epoch seconds. */
  now: number;
}

/** What `verifyClientAttestation` needs to check the `challenge` claim of a PoP. */
export interface AttestationChallengePolicy {
  /** True when every PoP must carry a challenge of this server. */
  required: boolean;
  check: (challenge: string) => AttestationChallengeStatus;
  /** A fresh challenge, sent with a use_attestation_challenge refusal. */
  fresh: () => string;
}

/**
 * draft-ietf-oauth-attestation-based-client-auth-07 Section 8: a server-provided challenge, opaque to
 * the client. Sealed with its expiry (Section 12.1: "self-contained challenges"), so no state is kept;
 * such a challenge proves freshness, the PoP `jti` guards against replays within its lifetime.
 */
export function createAttestationChallenge({ secret, now, ttlSeconds }: AttestationChallengeSecret & { ttlSeconds: number }): string {
  return sealJson({ exp: now + ttlSeconds, r: randomToken(12) }, secret, CONTEXT);
}

export function checkAttestationChallenge(value: string, { secret, now }: AttestationChallengeSecret): AttestationChallengeStatus {
  const sealed = openSealed(value, secret, CONTEXT);
  if (sealed === null || typeof sealed.exp !== 'number') return 'invalid';
  return sealed.exp > now ? 'valid' : 'expired';
}

/** The challenge policy `verifyClientAttestation` takes, backed by sealed challenges. */
export function sealedAttestationChallengePolicy(options: AttestationChallengeSecret & { ttlSeconds: number; required: boolean }): AttestationChallengePolicy {
  return {
    required: options.required,
    check: (challenge) => checkAttestationChallenge(challenge, options),
    fresh: () => createAttestationChallenge(options),
  };
}

/** Section 8: the challenge endpoint's answer, uncacheable. */
export function attestationChallengeResponse(options: AttestationChallengeSecret & { ttlSeconds: number }): {
  body: { attestation_challenge: string };
  headers: Record<string, string>;
} {
  return { body: { attestation_challenge: createAttestationChallenge(options) }, headers: { 'Cache-Control': 'no-store' } };
}

/** Section 8.1: a fresh challenge on any response, for the client's next PoP. */
export function attestationChallengeHeaders(policy: Pick<AttestationChallengePolicy, 'fresh'> | undefined): Record<string, string> {
  return policy === undefined ? {} : { [OAUTH_CLIENT_ATTESTATION_CHALLENGE_HEADER]: policy.fresh() };
}
