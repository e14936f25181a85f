import {
  decodeJws,
  importPublicJwk,
  jwkThumbprint,
  JwkError,
  JwsAlgError,
  JwsFormatError,
  matchesJwtType,
  verifyJwsSignature,
  type DecodedJws,
  type JsonObject,
  type JWK,
} from '@issuer/crypto';
import { invalidNonce, invalidProof, passed, type PassedCheck, type ProtocolError } from '@issuer/protocol-errors';
import type { X509Certificate } from 'node:crypto';
import { HolderKeyError, resolveKidToJwk, resolveX5cToJwk } from './resolve-holder-key.js';
import { verifyKeyAttestation, type KeyAttestationsRequired, type VerifiedKeyAttestation } from './verify-key-attestation.js';

/** OID4VCI 1.0 Section 13.8: how far `iat` may be from the server's clock, either way. */
export const KEY_PROOF_IAT_WINDOW_SECONDS = 300;

export interface JwtProofNoncePolicy {
  /** True when the issuer has a Nonce Endpoint (OID4VCI 1.0 Appendix F.1). */
  required: boolean;
  check: (nonce: string) => 'valid' | 'expired' | 'invalid';
}

export interface VerifyJwtProofOptions {
  /** The Credential Issuer Identifier: the expected `aud`. */
  credentialIssuer: string;
  /** `proof_signing_alg_values_supported` of the `jwt` proof type of the requested configuration. */
  allowedAlgs: readonly string[];
  /** Epoch seconds. */
  now: number;
  iatWindowSeconds?: number;
  nonce: JwtProofNoncePolicy;
  /** The client_id the access token was issued to, if any. */
  clientId?: string;
  /** True when the access token came from a Pre-Authorized Code Flow with anonymous access. */
  anonymous: boolean;
  /** `cryptographic_binding_methods_supported` of the requested configuration; a `kid` DID URL is taken only for a DID method listed there. */
  bindingMethods?: readonly string[];
  /** Key attestations in the `key_attestation` header (Appendix F.1); without it they are not evaluated. */
  keyAttestation?: {
    trustAnchors: readonly X509Certificate[];
    /** `key_attestations_required` of the configuration's jwt proof type; present, every proof needs one. */
    required?: KeyAttestationsRequired;
  };
}

export interface VerifiedJwtProof {
  holderJwk: JWK;
  jkt: string;
  header: JsonObject;
  payload: JsonObject;
  keyAttestation?: VerifiedKeyAttestation;
  /** Each check the proof passed, for the timeline. */
  checks: PassedCheck[];
}

const F1 = 'OID4VCI 1.0 Appendix F.1';
const F4 = 'OID4VCI 1.0 Appendix F.4';

/** OID4VCI 1.0 Appendix F.1 and F.4: one key proof of the `jwt` proof type. */
export function verifyJwtProof(jwt: string, options: VerifyJwtProofOptions): VerifiedJwtProof {
  return verifyOne(jwt, options, 'key proof');
}

/**
 * Every proof of a `proofs.jwt` array, each reason naming the proof's index. The proofs of one
 * request must carry one and the same nonce, and one and the same key attestation (or none): a
 * policy taken from openid/OpenID4VCI#774 (a batch is signed in one go with the c_nonce fetched for
 * it, its keys attested together in `attested_keys`), not a rule of 1.0 itself.
 */
export function verifyJwtProofs(jwts: readonly string[], options: VerifyJwtProofOptions): VerifiedJwtProof[] {
  const verified = jwts.map((jwt, index) => verifyOne(jwt, options, `proofs.jwt[${index}]`));
  const nonces = new Set(verified.map((proof) => proof.payload.nonce));
  if (nonces.size > 1) {
    throw invalidProof({
      reason: `the proofs carry ${nonces.size} different nonces (${[...nonces].map((nonce) => JSON.stringify(nonce)).join(', ')})`,
      help: 'Sign every proof of one request with the same c_nonce from the Nonce Endpoint',
      specRef: 'OID4VCI 1.0 Section 13.8',
    });
  }
  const attestations = new Set(verified.map((proof) => proof.header.key_attestation));
  if (attestations.size > 1) {
    const described = verified.map((proof, index) => `proofs.jwt[${index}] ${proof.header.key_attestation === undefined ? 'none' : `#${[...attestations].indexOf(proof.header.key_attestation) + 1}`}`);
    throw invalidProof({
      reason: `the proofs carry ${attestations.size} different key attestations (${described.join(', ')})`,
      help: 'Attest every key of the batch in one key attestation (attested_keys) and send that same key_attestation in each proof',
      specRef: 'OID4VCI 1.0 Appendix D.1',
    });
  }
  return verified;
}

function verifyOne(jwt: string, options: VerifyJwtProofOptions, label: string): VerifiedJwtProof {
  const decoded = decode(jwt, label);
  const { header, payload } = decoded;

  if (!matchesJwtType(header.typ, 'openid4vci-proof+jwt')) {
    throw proofError(`${label} typ expected "openid4vci-proof+jwt", got ${JSON.stringify(header.typ)}`, 'Set the JOSE header typ to "openid4vci-proof+jwt"', F1);
  }
  if (header.crit !== undefined) throw proofError(`${label} crit header ${JSON.stringify(header.crit)} names extensions this issuer does not process`, 'Leave out the crit header', 'RFC 7515 Section 4.1.11');
  checkAlg(header.alg, options.allowedAlgs, label);
  const holderJwk = holderKey(header, label, options.bindingMethods);
  const jkt = verifySignature(decoded, holderJwk, label);
  const keyFrom = (['kid', 'jwk', 'x5c'] as const).find((name) => header[name] !== undefined);
  const checks = [
    passed('typ', `expected "openid4vci-proof+jwt", got ${JSON.stringify(header.typ)}`, F1),
    passed('alg', `${String(header.alg)} is one of proof_signing_alg_values_supported (${options.allowedAlgs.join(', ')})`, F1),
    passed('signature', `verifies with the holder key from ${keyFrom} (thumbprint ${jkt})`, F4),
    checkAudience(payload.aud, options.credentialIssuer, label),
    checkIssuer(payload.iss, options, label),
    checkIat(payload.iat, options.now, options.iatWindowSeconds ?? KEY_PROOF_IAT_WINDOW_SECONDS, label),
    checkNonce(payload.nonce, options.nonce, label),
  ];
  const keyAttestation = checkKeyAttestation(header, jkt, options, label);
  if (keyAttestation) {
    checks.push(passed('key_attestation', `chains to a trusted anchor and attests the proof key (key_storage ${keyAttestation.keyStorage.join(', ') || 'none'}, user_authentication ${keyAttestation.userAuthentication.join(', ') || 'none'})`, F1));
  }
  return { holderJwk, jkt, header, payload, checks, ...(keyAttestation && { keyAttestation }) };
}

/** Appendix F.1: the proof's key must be one the `key_attestation` header attests. */
function checkKeyAttestation(header: JsonObject, jkt: string, options: VerifyJwtProofOptions, label: string): VerifiedKeyAttestation | undefined {
  const policy = options.keyAttestation;
  if (policy === undefined) return undefined;
  if (header.key_attestation === undefined) {
    if (policy.required === undefined) return undefined;
    throw proofError(
      `${label} has no key_attestation, which this credential requires (key_attestations_required of the configuration, or require_key_attestation of the issuance)`,
      'Add the key attestation of the proof key from your Wallet Provider in the key_attestation JOSE header',
      F1,
    );
  }
  const attestation = verifyKeyAttestation(
    header.key_attestation,
    { trustAnchors: policy.trustAnchors, allowedAlgs: options.allowedAlgs, now: options.now, required: policy.required, expRequired: true },
    `${label} key_attestation`,
  );
  if (!attestation.attestedJkts.includes(jkt)) {
    throw proofError(`${label} is signed by a key its key_attestation does not attest`, 'Sign the key proof with one of the attested_keys', F1);
  }
  return attestation;
}

function decode(jwt: string, label: string): DecodedJws {
  try {
    return decodeJws(jwt);
  } catch (error) {
    if (error instanceof JwsFormatError) throw proofError(`${label} is not a compact JWT: ${error.message}`, 'Send each key proof as a compact JWS (header.payload.signature)', F1, error);
    throw error;
  }
}

function checkAlg(alg: unknown, allowedAlgs: readonly string[], label: string): void {
  if (typeof alg === 'string' && allowedAlgs.includes(alg)) return;
  const got = alg === undefined ? 'no alg' : `alg ${JSON.stringify(alg)}`;
  const why = alg === 'none' ? ' (an unsigned JWT)' : typeof alg === 'string' && /^HS\d+$/.test(alg) ? ' (a MAC)' : '';
  throw proofError(
    `${label} has ${got}${why}, not one of proof_signing_alg_values_supported (${allowedAlgs.join(', ')})`,
    `Sign the key proof with one of ${allowedAlgs.join(', ')}`,
    F1,
  );
}

/** OID4VCI 1.0 Appendix F.1: exactly one of kid, jwk and x5c; kid as did:jwk or did:key, x5c by its leaf certificate. */
function holderKey(header: JsonObject, label: string, bindingMethods: readonly string[] | undefined): JWK {
  const present = (['kid', 'jwk', 'x5c'] as const).filter((name) => header[name] !== undefined);
  if (present.length > 1) {
    throw proofError(`${label} header has ${present.join(' and ')}; only one of kid, jwk and x5c may be present`, 'Send the holder public key as jwk alone, without kid or x5c', F1);
  }
  if (present.length === 0) throw proofError(`${label} header has none of kid, jwk and x5c`, 'Send the holder public key in the jwk JOSE header', F1);
  if (present[0] === 'jwk') return header.jwk as JWK;
  try {
    if (present[0] === 'kid') {
      if (typeof header.kid !== 'string') throw new HolderKeyError('kid is not a string');
      checkDidBinding(header.kid, bindingMethods, label);
      // The DID URL stays the key's kid, so that a credential bound to the DID can name it.
      return { ...resolveKidToJwk(header.kid), kid: header.kid };
    }
    return resolveX5cToJwk(header.x5c);
  } catch (error) {
    if (!(error instanceof HolderKeyError)) throw error;
    const help = present[0] === 'kid' ? 'Use a did:jwk or did:key (P-256, Ed25519) DID URL as kid, or send the key in the jwk header' : 'Send the certificate chain of the holder key, leaf first, as base64 DER';
    throw proofError(`${label} ${error.message}`, help, F1, error);
  }
}

/**
 * Appendix F.1: a `kid` DID URL asks for the Credential to be bound to that DID, which Section
 * 12.2.4 lets the configuration offer by listing `did:<method>` in cryptographic_binding_methods_supported.
 */
function checkDidBinding(kid: string, bindingMethods: readonly string[] | undefined, label: string): void {
  const method = /^did:([a-z0-9]+):/.exec(kid)?.[1];
  if (bindingMethods === undefined || method === undefined || bindingMethods.includes(`did:${method}`)) return;
  const dids = bindingMethods.filter((binding) => binding.startsWith('did:'));
  throw proofError(
    `${label} kid is a did:${method} DID URL, but the credential configuration binds to ${bindingMethods.join(', ')} (cryptographic_binding_methods_supported), not to did:${method}`,
    dids.length === 0
      ? 'This credential configuration supports no DIDs: send the holder public key in the jwk header instead of kid'
      : `Use a kid of ${dids.join(' or ')}, or send the holder public key in the jwk header`,
    'OID4VCI 1.0 Section 12.2.4',
  );
}

function verifySignature(decoded: DecodedJws, jwk: JWK, label: string): string {
  try {
    const key = importPublicJwk(jwk);
    if (!verifyJwsSignature(decoded, key, decoded.header.alg)) {
      throw proofError(`${label} signature does not verify with the jwk in its header`, 'Sign the key proof with the private key of the jwk header', F4);
    }
    return jwkThumbprint(jwk);
  } catch (error) {
    if (error instanceof JwkError) {
      const help = error.code === 'ERR_JWK_PRIVATE' || error.code === 'ERR_JWK_SYMMETRIC' ? 'Put only the public key into the jwk header' : 'Put an EC, OKP or RSA public key into the jwk header';
      throw proofError(`${label} ${error.message}`, help, F4, error);
    }
    if (error instanceof JwsAlgError) throw proofError(`${label} ${error.message}`, 'Use an alg that fits the jwk (ES256 for a P-256 key)', F4, error);
    throw error;
  }
}

function checkAudience(aud: unknown, credentialIssuer: string, label: string): PassedCheck {
  if (aud === credentialIssuer) return passed('aud', `expected ${credentialIssuer}, got ${JSON.stringify(aud)}`, F1);
  throw proofError(
    typeof aud === 'string' ? `${label} aud expected ${credentialIssuer}, got ${JSON.stringify(aud)}` : `${label} aud must be the string ${credentialIssuer}, got ${JSON.stringify(aud)}`,
    `Set aud to the Credential Issuer Identifier, as a single string: ${credentialIssuer}`,
    F1,
  );
}

function checkIssuer(iss: unknown, options: VerifyJwtProofOptions, label: string): PassedCheck {
  if (iss === undefined) return passed('iss', 'absent, as it may be', F1);
  if (options.anonymous) {
    throw proofError(
      `${label} has iss ${JSON.stringify(iss)}, but the access token was obtained through anonymous pre-authorized access`,
      'Leave out iss when the token request carried no client_id',
      F1,
    );
  }
  if (options.clientId !== undefined && iss !== options.clientId) {
    throw proofError(`${label} iss expected ${options.clientId} (the client_id), got ${JSON.stringify(iss)}`, 'Set iss to the client_id used at the token endpoint, or leave it out', F1);
  }
  return passed('iss', `expected the client_id ${String(options.clientId)}, got ${JSON.stringify(iss)}`, F1);
}

function checkIat(iat: unknown, now: number, window: number, label: string): PassedCheck {
  if (typeof iat !== 'number' || !Number.isFinite(iat)) {
    throw proofError(iat === undefined ? `${label} iat is missing` : `${label} iat must be a number of seconds, got ${JSON.stringify(iat)}`, 'Send iat as a NumericDate (seconds since the epoch)', F1);
  }
  const skew = iat - now;
  if (Math.abs(skew) > window) {
    throw proofError(
      `${label} iat ${iat} is ${Math.abs(skew)} s in the ${skew > 0 ? 'future' : 'past'}; at most ${window} s either way is accepted (server time ${now})`,
      'Create the key proof right before the credential request, and check the device clock',
      'OID4VCI 1.0 Section 13.8',
    );
  }
  return passed('iat', `${iat} is ${Math.abs(skew)} s from server time ${now}; at most ${window} s either way is accepted`, 'OID4VCI 1.0 Section 13.8');
}

function checkNonce(nonce: unknown, policy: JwtProofNoncePolicy, label: string): PassedCheck {
  if (nonce === undefined) {
    if (!policy.required) return passed('nonce', 'absent; this issuer has no Nonce Endpoint', F1);
    // OID4VCI 1.0 Section 8.3.1.2: a proof without c_nonce is invalid_proof, a wrong one invalid_nonce.
    throw proofError(`${label} has no nonce, but this issuer has a Nonce Endpoint`, 'Fetch a c_nonce from the Nonce Endpoint and put it into the nonce claim', F1);
  }
  if (typeof nonce !== 'string') throw proofError(`${label} nonce must be a string, got ${JSON.stringify(nonce)}`, 'Put the c_nonce string into the nonce claim', F1);
  const status = policy.check(nonce);
  if (status === 'valid') return passed('nonce', 'a c_nonce this issuer provided, still valid', 'OID4VCI 1.0 Section 7');
  throw invalidNonce({
    reason: `${label} nonce ${status === 'expired' ? 'has expired' : 'was not issued by this issuer'}`,
    help: 'Fetch a fresh c_nonce from the Nonce Endpoint and sign a new key proof with it',
    specRef: 'OID4VCI 1.0 Section 8.3.1.2',
  });
}

function proofError(reason: string, help: string, specRef: string, cause?: unknown): ProtocolError {
  return invalidProof({ reason, help, specRef, cause });
}
