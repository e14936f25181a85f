import {
  decodeJws,
  importPublicJwk,
  jwkThumbprint,
  JwkError,
  JwsAlgError,
  JwsFormatError,
  matchesJwtType,
  sha256Base64url,
  SUPPORTED_JWS_ALGS,
  verifyJwsSignature,
  type DecodedJws,
  type JsonObject,
  type JWK,
} from '@issuer/crypto';
import { invalidDpopProof, passed, useDpopNonce, type PassedCheck, type ProtocolError } from '@issuer/protocol-errors';
import { normalizeHtu } from './normalize-htu.js';

/** RFC 9449 Section 11.1: how far `iat` may be from the server's clock, either way. */
export const DPOP_IAT_WINDOW_SECONDS = 300;

export interface DpopNoncePolicy {
  required: boolean;
  isValid: (nonce: string) => boolean;
  fresh: () => string;
}

export interface VerifyDpopProofInput {
  /** Every DPoP header value of the request. */
  proofs: string[];
  htm: string;
  /** The public URL of the endpoint, as the wallet called it. */
  htu: string;
  /** Epoch seconds. */
  now: number;
  /** At a resource server: the access token the proof must be bound to through `ath`. */
  accessToken?: string;
  /** The `cnf.jkt` of the access token. */
  expectedJkt?: string;
  nonce?: DpopNoncePolicy;
  iatWindowSeconds?: number;
  allowedAlgs?: readonly string[];
}

export interface VerifiedDpopProof {
  jkt: string;
  jwk: JWK;
  /** Not checked for replay here: the caller consumes it. */
  jti: string;
  iat: number;
  header: JsonObject;
  payload: JsonObject;
  /** Each check the proof passed, for the timeline. */
  checks: PassedCheck[];
}

const HELP_SHAPE = 'Send one DPoP header: a JWT with header { typ: "dpop+jwt", alg, jwk } and claims jti, htm, htu, iat';

/** RFC 9449 Section 4.3: every check on a DPoP proof except `jti` replay. */
export function verifyDpopProof(input: VerifyDpopProofInput): VerifiedDpopProof {
  const allowedAlgs = input.allowedAlgs ?? SUPPORTED_JWS_ALGS;
  const proof = singleProof(input.proofs);
  const decoded = decode(proof);
  const { header, payload } = decoded;
  const checks: PassedCheck[] = [];

  if (!matchesJwtType(header.typ, 'dpop+jwt')) {
    throw invalid(
      header.typ === undefined ? 'typ header is missing' : `typ expected "dpop+jwt", got ${JSON.stringify(header.typ)}`,
      'Set the JOSE header typ to "dpop+jwt"',
      'RFC 9449 Section 4.2',
    );
  }
  checks.push(passed('typ', `expected "dpop+jwt", got ${JSON.stringify(header.typ)}`, 'RFC 9449 Section 4.2'));
  if (header.crit !== undefined) throw invalid(`crit header ${JSON.stringify(header.crit)} names extensions this server does not process`, 'Leave out the crit header', 'RFC 7515 Section 4.1.11');
  const jwk = header.jwk;
  if (jwk === undefined) throw invalid('jwk header is missing', 'Put the public key the proof is signed with into the jwk JOSE header', 'RFC 9449 Section 4.2');
  const jkt = verifySignature(decoded, jwk, allowedAlgs);
  checks.push(passed('signature', `${String(header.alg)} signature verifies with the public jwk header (thumbprint ${jkt})`, 'RFC 9449 Section 4.3'));

  const { jti, htm, htu, iat } = payload;
  const missing = (['jti', 'htm', 'htu', 'iat'] as const).filter((claim) => payload[claim] === undefined);
  if (missing.length > 0) throw invalid(`required claim${missing.length > 1 ? 's' : ''} ${missing.join(', ')} missing`, HELP_SHAPE, 'RFC 9449 Section 4.2');
  if (typeof jti !== 'string' || jti.length === 0) throw invalid(`jti must be a non-empty string, got ${JSON.stringify(jti)}`, 'Send a unique random jti in every proof', 'RFC 9449 Section 4.2');
  if (typeof iat !== 'number' || !Number.isFinite(iat)) throw invalid(`iat must be a number of seconds, got ${JSON.stringify(iat)}`, 'Send iat as a NumericDate (seconds since the epoch)', 'RFC 9449 Section 4.2');
  checks.push(passed('claims', 'jti, htm, htu and iat present', 'RFC 9449 Section 4.2'));

  if (htm !== input.htm) throw invalid(`htm expected ${input.htm}, got ${JSON.stringify(htm)}`, `Set htm to the HTTP method of the request (${input.htm})`, 'RFC 9449 Section 4.3');
  checks.push(passed('htm', `expected ${input.htm}, got ${htm}`, 'RFC 9449 Section 4.3'));
  checks.push(checkHtu(htu, input.htu));
  checks.push(...checkNonce(payload.nonce, input.nonce));
  checks.push(checkIat(iat, input.now, input.iatWindowSeconds ?? DPOP_IAT_WINDOW_SECONDS));

  if (input.accessToken !== undefined) checks.push(checkAth(payload.ath, input.accessToken));
  if (input.expectedJkt !== undefined) {
    if (jkt !== input.expectedJkt) {
      throw invalid(
        `proof key thumbprint ${jkt} does not match the access token's cnf.jkt ${input.expectedJkt}`,
        'Sign the DPoP proof with the key the access token was bound to at the token endpoint',
        'RFC 9449 Section 4.3',
      );
    }
    checks.push(passed('cnf.jkt', `proof key thumbprint ${jkt} is the access token's cnf.jkt`, 'RFC 9449 Section 4.3'));
  }
  return { jkt, jwk: jwk as JWK, jti, iat, header, payload, checks };
}

function singleProof(proofs: string[]): string {
  if (proofs.length === 0) throw invalid('no DPoP header was sent', HELP_SHAPE, 'RFC 9449 Section 4.1');
  if (proofs.length > 1) throw invalid(`${proofs.length} DPoP headers were sent`, 'Send exactly one DPoP header per request', 'RFC 9449 Section 4.3');
  return proofs[0] as string;
}

function decode(proof: string): DecodedJws {
  try {
    return decodeJws(proof);
  } catch (error) {
    if (error instanceof JwsFormatError) throw invalid(`DPoP header is not a JWT: ${error.message}`, HELP_SHAPE, 'RFC 9449 Section 4.3', error);
    throw error;
  }
}

/** RFC 9449 Section 4.3 checks 5 to 7; returns the key's RFC 7638 thumbprint. */
function verifySignature(decoded: DecodedJws, jwk: unknown, allowedAlgs: readonly string[]): string {
  const { alg } = decoded.header;
  const algHelp = `Sign the proof with an asymmetric algorithm, one of ${allowedAlgs.join(', ')}`;
  try {
    const key = importPublicJwk(jwk);
    if (typeof alg === 'string' && !allowedAlgs.includes(alg) && SUPPORTED_JWS_ALGS.includes(alg)) {
      throw invalid(`alg ${alg} is not one of the accepted ${allowedAlgs.join(', ')}`, algHelp, 'RFC 9449 Section 4.3');
    }
    if (!verifyJwsSignature(decoded, key, alg)) {
      throw invalid('signature does not verify with the jwk in the header', 'Sign the proof with the private key of the jwk header', 'RFC 9449 Section 4.3');
    }
    return jwkThumbprint(jwk as JWK);
  } catch (error) {
    if (error instanceof JwkError) {
      const help = error.code === 'ERR_JWK_PRIVATE' || error.code === 'ERR_JWK_SYMMETRIC' ? 'Put only the public key into the jwk header' : 'Put an EC, OKP or RSA public key into the jwk header';
      throw invalid(error.message, help, 'RFC 9449 Section 4.3', error);
    }
    if (error instanceof JwsAlgError) throw invalid(error.message, algHelp, 'RFC 9449 Section 4.3', error);
    throw error;
  }
}

function checkHtu(htu: unknown, expected: string): PassedCheck {
  const want = normalizeHtu(expected);
  if (want === null) throw new TypeError(`the endpoint URL ${expected} is not an http(s) URL`);
  const got = typeof htu === 'string' ? normalizeHtu(htu) : null;
  if (got !== want) {
    throw invalid(`htu expected ${want}, got ${JSON.stringify(htu)}`, `Set htu to the URL the request is sent to, without query and fragment: ${want}`, 'RFC 9449 Section 4.3');
  }
  return passed('htu', `expected ${want}, got ${JSON.stringify(htu)}`, 'RFC 9449 Section 4.3');
}

function checkNonce(nonce: unknown, policy: DpopNoncePolicy | undefined): PassedCheck[] {
  if (policy === undefined) return [];
  if (nonce === undefined) {
    if (policy.required) throw nonceError('nonce claim is missing and this server requires one', policy);
    return [];
  }
  if (typeof nonce !== 'string') throw invalid(`nonce must be a string, got ${JSON.stringify(nonce)}`, 'Send the DPoP-Nonce value as a string nonce claim', 'RFC 9449 Section 4.2');
  if (!policy.isValid(nonce)) throw nonceError('nonce claim is not a current nonce of this server (unknown or expired)', policy);
  return [passed('nonce', 'a current nonce of this server', 'RFC 9449 Section 8')];
}

function checkIat(iat: number, now: number, window: number): PassedCheck {
  const skew = iat - now;
  if (Math.abs(skew) > window) {
    throw invalid(
      `iat ${iat} is ${Math.abs(skew)} s in the ${skew > 0 ? 'future' : 'past'}; at most ${window} s either way is accepted (server time ${now})`,
      'Create a fresh proof for each request with iat set to the current time, and check the device clock',
      'RFC 9449 Section 11.1',
    );
  }
  return passed('iat', `${iat} is ${Math.abs(skew)} s from server time ${now}; at most ${window} s either way is accepted`, 'RFC 9449 Section 11.1');
}

function checkAth(ath: unknown, accessToken: string): PassedCheck {
  if (ath === undefined) throw invalid('ath claim is missing', 'Add ath: base64url(SHA-256(access token)) when presenting an access token', 'RFC 9449 Section 4.2');
  if (ath !== sha256Base64url(accessToken)) {
    throw invalid(`ath ${JSON.stringify(ath)} is not the hash of the presented access token`, 'Set ath to base64url(SHA-256(access token)) of the token in the Authorization header', 'RFC 9449 Section 4.3');
  }
  return passed('ath', 'the SHA-256 hash of the presented access token', 'RFC 9449 Section 4.3');
}

function nonceError(reason: string, policy: DpopNoncePolicy): ProtocolError {
  return useDpopNonce({
    reason,
    help: 'Retry with the nonce claim set to the value of the DPoP-Nonce response header',
    specRef: 'RFC 9449 Section 8',
    headers: { 'DPoP-Nonce': policy.fresh() },
  });
}

function invalid(reason: string, help: string, specRef: string, cause?: unknown): ProtocolError {
  return invalidDpopProof({ reason, help, specRef, cause });
}
