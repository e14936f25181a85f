import type { KeyObject } from 'node:crypto';
import { jwkThumbprint, matchesJwtType, type JsonObject, type JWK } from '@issuer/crypto';
import { useAttestationChallenge, type ProtocolError } from '@issuer/protocol-errors';
import { attestationChallengeHeaders, type AttestationChallengePolicy } from './attestation-challenge.js';
import { OAUTH_CLIENT_ATTESTATION_POP_HEADER } from './client-authentication-method.js';
import { checkClientJwtAlg, checkClientJwtSignature, decodeClientJwt, describeValue, refuseClient, refuseCrit, type ClientJwtContext } from './client-jwt.js';
import { checkExp, checkIat, checkNbf, type ClientJwtClock } from './client-jwt-times.js';

/** How old the `iat` of a Client Attestation PoP may be (draft 07 Section 9 rule 9 leaves the window to the server). */
export const CLIENT_ATTESTATION_POP_MAX_AGE_SECONDS = 300;

const DRAFT = 'draft-ietf-oauth-attestation-based-client-auth-07';
const POP: ClientJwtContext = { label: OAUTH_CLIENT_ATTESTATION_POP_HEADER, specRef: `${DRAFT} Section 5.2` };
const HELP_SHAPE = 'Send a PoP JWT with header { typ: "oauth-client-attestation-pop+jwt", alg } and claims iss (your client_id), aud, jti and iat, signed with the key of the attestation cnf.jwk';

export interface PopExpectations {
  /** The attestation's `sub`: the PoP's `iss`. */
  clientId: string;
  cnfKey: KeyObject;
  cnfJkt: string;
  issuer: string;
  clock: ClientJwtClock;
  maxAgeSeconds: number;
  allowedAlgs: readonly string[];
  challenge?: AttestationChallengePolicy;
}

export interface VerifiedClientAttestationPop {
  jti: string;
  jtiExpiresAt: number;
  challenge?: string;
}

/** draft-ietf-oauth-attestation-based-client-auth-07 Sections 5.2 and 9: the Client Attestation PoP JWT. */
export function verifyClientAttestationPop(jwt: string, expected: PopExpectations): VerifiedClientAttestationPop {
  const decoded = decodeClientJwt(jwt, POP, HELP_SHAPE);
  const { header, payload } = decoded;
  if (!matchesJwtType(header.typ, 'oauth-client-attestation-pop+jwt')) {
    throw refuseClient(`${POP.label} typ expected "oauth-client-attestation-pop+jwt", got ${describeValue(header.typ)}`, 'Set the JOSE header typ of the PoP to "oauth-client-attestation-pop+jwt"', POP.specRef);
  }
  refuseCrit(header.crit, POP);
  checkClientJwtAlg(header.alg, expected.allowedAlgs, POP);
  checkSigner(header, expected.cnfJkt);
  checkClientJwtSignature(decoded, expected.cnfKey, `the attestation's cnf.jwk (thumbprint ${expected.cnfJkt})`, 'Sign the PoP with the private key of the wallet instance whose public key is in the attestation cnf.jwk', POP);

  if (payload.iss !== expected.clientId) {
    throw refuseClient(`${POP.label} iss ${describeValue(payload.iss)} is not the attestation sub ${JSON.stringify(expected.clientId)}`, `Set iss of the PoP to your client_id, ${expected.clientId}`, `${POP.specRef} rule 4`);
  }
  checkAudience(payload.aud, expected.issuer);
  const jti = payload.jti;
  if (typeof jti !== 'string' || jti === '') throw refuseClient(`${POP.label} jti must be a non-empty string, got ${describeValue(jti)}`, 'Put a unique random jti into every PoP', POP.specRef);
  const iat = checkIat(payload.iat, expected.clock, POP, 'Create a fresh PoP for each request with iat set to the current time, and check the device clock', expected.maxAgeSeconds) as number;
  if (payload.exp !== undefined) checkExp(payload.exp, expected.clock, POP, 'Create a fresh PoP for each request');
  checkNbf(payload.nbf, expected.clock, POP, 'Create the PoP with nbf at or before the current time');
  const challenge = expected.challenge === undefined ? undefined : checkChallenge(payload.challenge, expected.challenge);
  return { jti, jtiExpiresAt: iat + expected.maxAgeSeconds + expected.clock.clockSkewSeconds, ...(challenge !== undefined && { challenge }) };
}

/** A PoP that names its key (jwk or kid) other than the cnf key is diagnosed as such, before the signature. */
function checkSigner(header: JsonObject, cnfJkt: string): void {
  const jwk = header.jwk;
  if (typeof jwk !== 'object' || jwk === null || Array.isArray(jwk)) return;
  let jkt: string;
  try {
    jkt = jwkThumbprint(jwk as JWK);
  } catch {
    return;
  }
  if (jkt !== cnfJkt) {
    throw refuseClient(
      `${POP.label} is signed with the key of its jwk header (thumbprint ${jkt}), not with the attestation's cnf.jwk (thumbprint ${cnfJkt})`,
      'Sign the PoP with the key the Wallet Attestation was issued for (its cnf.jwk)',
      `${POP.specRef} rule 3`,
    );
  }
}

function checkAudience(aud: unknown, issuer: string): void {
  const audiences = Array.isArray(aud) ? aud : [aud];
  if (!audiences.includes(issuer)) {
    throw refuseClient(`${POP.label} aud ${describeValue(aud)} does not name this authorization server ${JSON.stringify(issuer)}`, `Set aud of the PoP to the issuer identifier of this authorization server, ${issuer}`, POP.specRef);
  }
}

/** Section 9 rule 8: a challenge this server provided; Section 6.2: otherwise use_attestation_challenge with a fresh one. */
function checkChallenge(challenge: unknown, policy: AttestationChallengePolicy): string | undefined {
  if (challenge === undefined) {
    if (policy.required) throw challengeError('PoP has no challenge claim and this authorization server requires one', policy);
    return undefined;
  }
  if (typeof challenge !== 'string') throw challengeError(`PoP challenge must be a string, got ${describeValue(challenge)}`, policy);
  const status = policy.check(challenge);
  if (status === 'expired') throw challengeError('PoP challenge was issued by this authorization server but has expired', policy);
  if (status === 'invalid') throw challengeError('PoP challenge was not issued by this authorization server', policy);
  return challenge;
}

function challengeError(reason: string, policy: AttestationChallengePolicy): ProtocolError {
  return useAttestationChallenge({
    reason,
    help: 'Retry with a new PoP whose challenge claim is the value of the OAuth-Client-Attestation-Challenge response header (or of the challenge endpoint)',
    specRef: `${DRAFT} Section 6.2`,
    headers: attestationChallengeHeaders(policy),
  });
}
