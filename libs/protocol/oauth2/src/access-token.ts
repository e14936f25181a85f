import {
  decodeJws,
  JwkError,
  JwsAlgError,
  JwsFormatError,
  matchesJwtType,
  randomToken,
  signJwt,
  verifyJwsSignature,
  type DecodedJws,
  type JWK,
  type SigningKey,
} from '@issuer/crypto';
import { invalidToken, type ProtocolError } from '@issuer/protocol-errors';
import type { KeyObject } from 'node:crypto';

/** RFC 9068 Section 2.2 claims, plus what the credential endpoint needs of the issuance. */
export interface AccessTokenClaims {
  iss: string;
  aud: string | string[];
  /** The issuance session id. */
  sub: string;
  sid: string;
  client_id?: string;
  cnf?: { jkt: string };
  credential_configuration_ids: string[];
  authorization_details?: unknown[];
  /** The issuance's own compatibility profile for draft requests, when it sets one. */
  compatibility_profile?: string;
  /** The issuance requires key attestations in key proofs, whatever the configuration says. */
  key_attestation_required?: boolean;
  /** The issuance's test behaviours for wallet developers, read by the credential and deferred credential endpoints. */
  test_behaviours?: Record<string, unknown>;
  iat: number;
  exp: number;
  jti: string;
}

export interface IssueAccessTokenInput {
  iss: string;
  aud: string;
  sub: string;
  sid: string;
  client_id?: string;
  cnf?: { jkt: string };
  credential_configuration_ids: string[];
  authorization_details?: unknown[];
  compatibility_profile?: string;
  key_attestation_required?: boolean;
  test_behaviours?: Record<string, unknown>;
  /** Seconds. */
  expiresIn: number;
  /** Epoch seconds. */
  now: number;
}

export interface IssuedAccessToken {
  access_token: string;
  token_type: 'DPoP' | 'Bearer';
  expires_in: number;
}

/** RFC 9068 JWT access token; DPoP-bound (RFC 9449 Section 6) when `cnf.jkt` is given. */
export function issueAccessToken(input: IssueAccessTokenInput, key: Pick<SigningKey, 'privateKey' | 'alg' | 'kid'>): IssuedAccessToken {
  const payload: AccessTokenClaims = {
    iss: input.iss,
    aud: input.aud,
    sub: input.sub,
    sid: input.sid,
    ...(input.client_id !== undefined && { client_id: input.client_id }),
    ...(input.cnf !== undefined && { cnf: { jkt: input.cnf.jkt } }),
    credential_configuration_ids: input.credential_configuration_ids,
    ...(input.authorization_details !== undefined && { authorization_details: input.authorization_details }),
    ...(input.compatibility_profile !== undefined && { compatibility_profile: input.compatibility_profile }),
    ...(input.key_attestation_required && { key_attestation_required: true }),
    ...(input.test_behaviours !== undefined && { test_behaviours: input.test_behaviours }),
    iat: input.now,
    exp: input.now + input.expiresIn,
    jti: randomToken(16),
  };
  return {
    access_token: signJwt({ header: { typ: 'at+jwt', alg: key.alg, kid: key.kid }, payload: { ...payload } }, key),
    // RFC 9449 Section 5: token_type DPoP for a DPoP-bound token.
    token_type: input.cnf !== undefined ? 'DPoP' : 'Bearer',
    expires_in: input.expiresIn,
  };
}

export interface VerifyAccessTokenOptions {
  /** The issuer's key, or its JWKS (the key is picked by `kid`). */
  publicKey?: KeyObject | JWK;
  jwks?: { keys: JWK[] };
  issuer: string;
  audience: string;
  /** Epoch seconds. */
  now: number;
  /** The scheme of the Authorization header. */
  scheme: 'DPoP' | 'Bearer';
  clockToleranceSeconds?: number;
}

const HELP_NEW_TOKEN = 'Obtain a new access token from the token endpoint of this issuer';

/** RFC 9068 Section 4 and RFC 9449 Section 7.1: validates a JWT access token for this resource. */
export function verifyAccessToken(token: string, options: VerifyAccessTokenOptions): AccessTokenClaims {
  const decoded = decode(token);
  const { header, payload } = decoded;
  // RFC 9068 Section 4: the typ header MUST be at+jwt.
  if (!matchesJwtType(header.typ, 'at+jwt')) throw rejected(`typ expected "at+jwt", got ${JSON.stringify(header.typ)}`, 'RFC 9068 Section 4');
  verifySignature(token, decoded, options);

  const tolerance = options.clockToleranceSeconds ?? 0;
  if (payload.iss !== options.issuer) throw rejected(`iss expected ${options.issuer}, got ${JSON.stringify(payload.iss)}`, 'RFC 9068 Section 4');
  const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
  if (!audiences.includes(options.audience)) throw rejected(`aud expected ${options.audience}, got ${JSON.stringify(payload.aud)}`, 'RFC 9068 Section 4');
  if (typeof payload.exp !== 'number') throw rejected('exp claim is missing', 'RFC 9068 Section 2.2');
  if (payload.exp <= options.now - tolerance) {
    throw rejected(`access token expired at ${new Date(payload.exp * 1000).toISOString()} (now ${new Date(options.now * 1000).toISOString()})`, 'RFC 9068 Section 4');
  }
  if (typeof payload.iat !== 'number') throw rejected('iat claim is missing', 'RFC 9068 Section 2.2');
  if (payload.iat > options.now + tolerance) throw rejected(`iat ${payload.iat} is in the future (now ${options.now})`, 'RFC 9068 Section 4');
  const claims = readClaims(payload);

  if (claims.cnf !== undefined && options.scheme === 'Bearer') {
    throw invalidToken({
      reason: 'a DPoP-bound access token was presented with the Bearer scheme',
      help: 'Send "Authorization: DPoP <token>" together with a DPoP proof signed by the bound key',
      specRef: 'RFC 9449 Section 7.1',
    });
  }
  if (claims.cnf === undefined && options.scheme === 'DPoP') {
    throw invalidToken({
      reason: 'an access token that is not DPoP-bound was presented with the DPoP scheme',
      help: 'Send "Authorization: Bearer <token>", or obtain a DPoP-bound token by sending a DPoP proof to the token endpoint',
      specRef: 'RFC 9449 Section 7.1',
    });
  }
  return claims;
}

function decode(token: string): DecodedJws {
  try {
    return decodeJws(token);
  } catch (error) {
    if (error instanceof JwsFormatError) throw rejected(`access token is not a JWT issued here: ${error.message}`, 'RFC 9068 Section 4', error);
    throw error;
  }
}

/**
 * A wallet presents one token at several endpoints (credential, notification, deferred polls), so
 * a token whose signature verified with a key is remembered for that key object: the claims are
 * still checked on every call, only the ES256 verification (about 80 µs) is not repeated.
 */
const MAX_REMEMBERED_PER_KEY = 4096;
const verifiedWith = new WeakMap<object, Set<string>>();

function verifySignature(token: string, decoded: DecodedJws, options: VerifyAccessTokenOptions): void {
  const key = verificationKey(decoded.header.kid, options);
  const verified = verifiedWith.get(key) ?? new Set<string>();
  if (verified.has(token)) return;
  try {
    if (!verifyJwsSignature(decoded, key, decoded.header.alg)) {
      throw rejected('signature does not verify with the issuer key', 'RFC 9068 Section 4');
    }
  } catch (error) {
    if (error instanceof JwsAlgError || error instanceof JwkError) throw rejected(error.message, 'RFC 9068 Section 4', error);
    throw error;
  }
  if (verified.size >= MAX_REMEMBERED_PER_KEY) verified.delete(verified.values().next().value as string);
  verified.add(token);
  verifiedWith.set(key, verified);
}

function verificationKey(kid: unknown, options: VerifyAccessTokenOptions): KeyObject | JWK {
  if (options.publicKey !== undefined) return options.publicKey;
  if (options.jwks === undefined) throw new TypeError('verifyAccessToken needs publicKey or jwks');
  const { keys } = options.jwks;
  const jwk = kid === undefined && keys.length === 1 ? keys[0] : keys.find((candidate) => candidate.kid === kid);
  if (jwk === undefined) throw rejected(`kid ${JSON.stringify(kid)} is not a key of this issuer`, 'RFC 9068 Section 4');
  return jwk;
}

function readClaims(payload: Record<string, unknown>): AccessTokenClaims {
  const { sub, sid, jti, client_id, cnf, credential_configuration_ids, authorization_details, compatibility_profile, key_attestation_required, test_behaviours } = payload;
  if (typeof sub !== 'string' || typeof sid !== 'string' || typeof jti !== 'string') throw rejected('sub, sid or jti claim is missing', 'RFC 9068 Section 2.2');
  if (!Array.isArray(credential_configuration_ids) || !credential_configuration_ids.every((id) => typeof id === 'string')) {
    throw rejected('credential_configuration_ids claim is missing', 'RFC 9068 Section 2.2');
  }
  if (cnf !== undefined && (typeof cnf !== 'object' || cnf === null || typeof (cnf as { jkt?: unknown }).jkt !== 'string')) throw rejected('cnf claim has no jkt', 'RFC 9449 Section 6.1');
  if (authorization_details !== undefined && !Array.isArray(authorization_details)) throw rejected('authorization_details claim is not an array', 'RFC 9396 Section 9.1');
  return {
    iss: payload.iss as string,
    aud: payload.aud as string | string[],
    sub,
    sid,
    ...(typeof client_id === 'string' && { client_id }),
    ...(cnf !== undefined && { cnf: { jkt: (cnf as { jkt: string }).jkt } }),
    credential_configuration_ids: credential_configuration_ids as string[],
    ...(authorization_details !== undefined && { authorization_details: authorization_details as unknown[] }),
    ...(typeof compatibility_profile === 'string' && { compatibility_profile }),
    ...(key_attestation_required === true && { key_attestation_required: true }),
    ...(isObject(test_behaviours) && { test_behaviours }),
    iat: payload.iat as number,
    exp: payload.exp as number,
    jti,
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function rejected(reason: string, specRef: string, cause?: unknown): ProtocolError {
  return invalidToken({ reason, help: HELP_NEW_TOKEN, specRef, cause });
}
