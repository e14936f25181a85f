import type { KeyObject, X509Certificate } from 'node:crypto';
import { importPublicJwk, JwkError, jwkThumbprint, matchesJwtType, SUPPORTED_JWS_ALGS, trustedX5cLeaf, X5cError, type JsonObject, type JWK } from '@issuer/crypto';
import type { AttestationChallengePolicy } from './attestation-challenge.js';
import { OAUTH_CLIENT_ATTESTATION_HEADER, OAUTH_CLIENT_ATTESTATION_POP_HEADER } from './client-authentication-method.js';
import { checkClientJwtAlg, checkClientJwtSignature, decodeClientJwt, describeValue, refuseClient, refuseCrit, type ClientJwtContext } from './client-jwt.js';
import { checkExp, checkIat, checkNbf, CLIENT_JWT_CLOCK_SKEW_SECONDS, type ClientJwtClock } from './client-jwt-times.js';
import { verifyClientAttestationPop, CLIENT_ATTESTATION_POP_MAX_AGE_SECONDS } from './verify-client-attestation-pop.js';

const DRAFT = 'draft-ietf-oauth-attestation-based-client-auth-07';
const HAIP = 'HAIP 1.0 Section 4.4.1';
const ATTESTATION: ClientJwtContext = { label: OAUTH_CLIENT_ATTESTATION_HEADER, specRef: `${DRAFT} Section 5.1` };
const HELP_SHAPE =
  'Send the Wallet Attestation from your Wallet Provider as a JWT with header { typ: "oauth-client-attestation+jwt", alg, x5c } and claims iss, sub (your client_id), exp and cnf.jwk';

export interface VerifyClientAttestationInput {
  /** Every OAuth-Client-Attestation header value of the request. */
  attestation: readonly string[];
  /** Every OAuth-Client-Attestation-PoP header value of the request. */
  pop: readonly string[];
  /** Roots of the Wallet Providers this authorization server trusts; HAIP 1.0 Section 4.4.1 has the signer in `x5c`. */
  trustAnchors: readonly X509Certificate[];
  /** The RFC 8414 issuer identifier of the authorization server: the PoP's `aud`. */
  issuer: string;
  /** Epoch seconds. */
  now: number;
  clockSkewSeconds?: number;
  /** How old a PoP's `iat` may be; defaults to `CLIENT_ATTESTATION_POP_MAX_AGE_SECONDS`. */
  popMaxAgeSeconds?: number;
  /** Algorithms accepted for both JWTs (`client_attestation_signing_alg_values_supported`). */
  allowedAlgs?: readonly string[];
  /** Server-provided challenges (Section 8); without a policy the `challenge` claim is not evaluated. */
  challenge?: AttestationChallengePolicy;
  /** The `client_id` parameter of the request, when it carried one. */
  expectedClientId?: string;
}

export interface VerifiedClientAttestation {
  /** The attestation's `sub`. */
  clientId: string;
  /** The attestation's `iss`: the Wallet Provider. */
  attester: string;
  /** OID4VCI 1.0 Appendix E: human-readable name of the wallet, when the attestation names it. */
  walletName?: string;
  /** OID4VCI 1.0 Appendix E: where to learn about the wallet and its provider. */
  walletLink?: string;
  /** Subject of the certificate that signed the attestation, for the timeline. */
  attesterCertificate: string;
  cnfJwk: JWK;
  /** RFC 7638 thumbprint of `cnfJwk`. */
  cnfJkt: string;
  attestationExp: number;
  /** Not checked for replay here: the caller remembers it until `popJtiExpiresAt` and refuses it twice. */
  popJti: string;
  /** Epoch seconds after which the PoP is too old to be accepted anyway. */
  popJtiExpiresAt: number;
  /** The server-provided challenge the PoP carried, when a challenge policy checked it. */
  challenge?: string;
}

/**
 * OID4VCI 1.0 Appendix E and HAIP 1.0 Section 4.4.1: a Wallet Attestation (Client Attestation JWT,
 * draft-ietf-oauth-attestation-based-client-auth-07 Section 5.1) signed by a key whose `x5c` chains to
 * a trusted Wallet Provider, and its PoP (Section 5.2) signed with the attested `cnf` key. Every
 * failure is invalid_client, except a missing or rejected challenge: use_attestation_challenge.
 */
export function verifyClientAttestation(input: VerifyClientAttestationInput): VerifiedClientAttestation {
  const clock: ClientJwtClock = { now: input.now, clockSkewSeconds: input.clockSkewSeconds ?? CLIENT_JWT_CLOCK_SKEW_SECONDS };
  const allowedAlgs = input.allowedAlgs ?? SUPPORTED_JWS_ALGS;
  const attestationJwt = singleHeader(input.attestation, OAUTH_CLIENT_ATTESTATION_HEADER, HELP_SHAPE);
  const popJwt = singleHeader(input.pop, OAUTH_CLIENT_ATTESTATION_POP_HEADER, 'Send an OAuth-Client-Attestation-PoP header: a JWT signed with the key of the attestation cnf.jwk');

  // Section 6.1: the attestation is validated before its PoP.
  const decoded = decodeClientJwt(attestationJwt, ATTESTATION, HELP_SHAPE);
  const { header, payload } = decoded;
  if (!matchesJwtType(header.typ, 'oauth-client-attestation+jwt')) {
    throw refuseClient(`${ATTESTATION.label} typ expected "oauth-client-attestation+jwt", got ${describeValue(header.typ)}`, 'Set the JOSE header typ of the Wallet Attestation to "oauth-client-attestation+jwt"', ATTESTATION.specRef);
  }
  refuseCrit(header.crit, ATTESTATION);
  checkClientJwtAlg(header.alg, allowedAlgs, ATTESTATION);
  const signer = attesterCertificate(header, input.trustAnchors, input.now);
  checkClientJwtSignature(decoded, signer.publicKey, 'the key of its x5c[0] certificate', 'Send the Wallet Attestation exactly as the Wallet Provider signed it', ATTESTATION);

  const claims = attestationClaims(payload, clock);
  if (input.expectedClientId !== undefined && input.expectedClientId !== claims.sub) {
    throw refuseClient(
      `client_id ${JSON.stringify(input.expectedClientId)} is not the Wallet Attestation sub ${JSON.stringify(claims.sub)}`,
      `Send client_id=${claims.sub}, the sub of your Wallet Attestation, or leave client_id out`,
      `${DRAFT} Sections 6.3 and 6.4; ${HAIP}`,
    );
  }
  const pop = verifyClientAttestationPop(popJwt, {
    clientId: claims.sub,
    cnfKey: claims.cnfKey,
    cnfJkt: claims.cnfJkt,
    issuer: input.issuer,
    clock,
    maxAgeSeconds: input.popMaxAgeSeconds ?? CLIENT_ATTESTATION_POP_MAX_AGE_SECONDS,
    allowedAlgs,
    challenge: input.challenge,
  });
  return {
    clientId: claims.sub,
    attester: claims.iss,
    ...(typeof payload.wallet_name === 'string' && { walletName: payload.wallet_name }),
    ...(typeof payload.wallet_link === 'string' && { walletLink: payload.wallet_link }),
    attesterCertificate: signer.subject.replace(/\n/g, ', '),
    cnfJwk: claims.cnfJwk,
    cnfJkt: claims.cnfJkt,
    attestationExp: claims.exp,
    popJti: pop.jti,
    popJtiExpiresAt: pop.jtiExpiresAt,
    ...(pop.challenge !== undefined && { challenge: pop.challenge }),
  };
}

/** Section 6.2 rules 1 and 2: precisely one header field each. */
function singleHeader(values: readonly string[], name: string, help: string): string {
  const present = values.filter((value) => value.trim() !== '');
  if (present.length === 0) throw refuseClient(`no ${name} header was sent; this authorization server authenticates wallets by their Wallet Attestation`, help, `${DRAFT} Section 6.2; ${HAIP}`);
  if (values.length > 1) throw refuseClient(`${values.length} ${name} headers were sent`, `Send exactly one ${name} header`, `${DRAFT} Section 6.2`);
  return (present[0] as string).trim();
}

function attesterCertificate(header: JsonObject, trustAnchors: readonly X509Certificate[], now: number): X509Certificate {
  if (header.x5c === undefined) {
    throw refuseClient(`${ATTESTATION.label} has no x5c header; this issuer trusts Wallet Attestations by their certificate chain`, 'Put the Wallet Provider signing certificate (and intermediates, not the trust anchor) into the x5c header, leaf first', HAIP);
  }
  try {
    return trustedX5cLeaf(header.x5c, trustAnchors, now);
  } catch (error) {
    if (!(error instanceof X5cError)) throw error;
    const help =
      error.code === 'ERR_X5C_UNTRUSTED'
        ? 'Use a Wallet Attestation from a Wallet Provider this issuer trusts'
        : 'Put the Wallet Provider signing certificate (and intermediates, not the trust anchor or a self-signed certificate) into x5c, leaf first, all currently valid';
    throw refuseClient(`${ATTESTATION.label} x5c does not chain to a trusted Wallet Provider: ${error.message}`, help, error.code === 'ERR_X5C_UNTRUSTED' ? 'OID4VCI 1.0 Appendix E' : HAIP, error);
  }
}

interface AttestationClaims {
  iss: string;
  sub: string;
  exp: number;
  cnfJwk: JWK;
  cnfKey: KeyObject;
  cnfJkt: string;
}

function attestationClaims(payload: JsonObject, clock: ClientJwtClock): AttestationClaims {
  const { iss, sub } = payload;
  if (typeof iss !== 'string' || iss === '') throw refuseClient(`${ATTESTATION.label} iss must be a non-empty string, got ${describeValue(iss)}`, 'The Wallet Provider identifies itself in iss', ATTESTATION.specRef);
  if (typeof sub !== 'string' || sub === '') {
    throw refuseClient(`${ATTESTATION.label} sub must be the client_id as a non-empty string, got ${describeValue(sub)}`, 'The Wallet Attestation names your client_id in sub', `${ATTESTATION.specRef}; OID4VCI 1.0 Appendix E`);
  }
  const exp = checkExp(payload.exp, clock, ATTESTATION, 'Get a fresh Wallet Attestation from your Wallet Provider');
  checkNbf(payload.nbf, clock, ATTESTATION, 'Use the Wallet Attestation once it is valid, and check the device clock');
  checkIat(payload.iat, clock, ATTESTATION, 'Use a Wallet Attestation issued in the past, and check the device clock');
  const cnfJwk = confirmationKey(payload.cnf);
  return { iss, sub, exp, cnfJwk, cnfKey: importCnfKey(cnfJwk), cnfJkt: jwkThumbprint(cnfJwk) };
}

/** Section 5.1: cnf (RFC 7800) holds the Client Instance Key as a jwk. */
function confirmationKey(cnf: unknown): JWK {
  const help = 'The Wallet Attestation must carry the public key of the wallet instance in cnf.jwk';
  if (typeof cnf !== 'object' || cnf === null || Array.isArray(cnf)) throw refuseClient(`${ATTESTATION.label} cnf must be an object with a jwk member, got ${describeValue(cnf)}`, help, ATTESTATION.specRef);
  const jwk = (cnf as JsonObject).jwk;
  if (typeof jwk !== 'object' || jwk === null || Array.isArray(jwk)) throw refuseClient(`${ATTESTATION.label} cnf.jwk must be a JWK object, got ${describeValue(jwk)}`, help, ATTESTATION.specRef);
  return jwk as JWK;
}

// Section 9 rule 6: the key in cnf is not a private key.
function importCnfKey(jwk: JWK): KeyObject {
  try {
    return importPublicJwk(jwk);
  } catch (error) {
    if (!(error instanceof JwkError)) throw error;
    const help = error.code === 'ERR_JWK_PRIVATE' ? 'Put only the public key of the wallet instance into cnf.jwk' : 'Put an EC, OKP or RSA public key into cnf.jwk';
    throw refuseClient(`${ATTESTATION.label} cnf.jwk: ${error.message}`, help, `${DRAFT} Section 9`, error);
  }
}
