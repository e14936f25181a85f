import {
  decodeJws,
  DidError,
  JwkError,
  JwsAlgError,
  JwsFormatError,
  jwsAlgorithm,
  resolveDidUrlToJwk,
  SUPPORTED_JWS_ALGS,
  timingSafeEqualString,
  verifyJwsSignature,
  type JsonObject,
} from '@issuer/crypto';
import { invalidRequest, type ProtocolError } from '@issuer/protocol-errors';

export interface VerifyHolderIdTokenInput {
  idToken: string | undefined;
  /** The authorization server's issuer identifier: the ID Token's aud. */
  issuer: string;
  /** The nonce of the ID Token Request. */
  nonce: string;
  /** The wallet's client_id when it is a DID: the ID Token must be that DID's. */
  clientDid?: string;
  /** Epoch seconds. */
  now: number;
  clockSkewSeconds?: number;
}

export interface VerifiedHolderIdToken {
  /** The holder's DID: iss and sub of the ID Token. */
  subject: string;
  kid: string;
  alg: string;
}

const SPEC_REF = 'SIOPv2 Section 11';
const HELP = 'Send id_token as a JWT signed with your DID key: kid a DID URL of that DID, iss and sub the DID, aud this issuer, the nonce of the ID Token Request, exp ahead';

/**
 * SIOPv2 Section 11: validates the Self-Issued ID Token a holder POSTs in answer to an ID Token
 * Request. The key comes from the DID offline (did:key, did:jwk); iss equals sub, which is the DID
 * the kid names; aud is this server; the nonce is the request's. Every failure is invalid_request.
 */
export function verifyHolderIdToken(input: VerifyHolderIdTokenInput): VerifiedHolderIdToken {
  const skew = input.clockSkewSeconds ?? 60;
  if (input.idToken === undefined) throw refuse('id_token is missing', HELP, 'OpenID4VP 1.0 Section 8.2');
  let decoded;
  try {
    decoded = decodeJws(input.idToken);
  } catch (error) {
    if (error instanceof JwsFormatError) throw refuse(`id_token is not a compact JWT: ${error.message}`, HELP, SPEC_REF, error);
    throw error;
  }
  const { header, payload } = decoded;
  const alg = algOf(header.alg);
  const kid = header.kid;
  if (typeof kid !== 'string' || !(kid.startsWith('did:key:') || kid.startsWith('did:jwk:'))) {
    throw refuse(`id_token kid ${JSON.stringify(kid ?? null)} is not a did:key or did:jwk DID URL`, 'Set kid to the DID URL of the key that signed the ID Token, e.g. did:key:z...#z...', SPEC_REF);
  }
  const did = kid.split('#')[0] as string;
  const { iss, sub } = payload;
  if (sub !== iss || typeof sub !== 'string') {
    throw refuse(`id_token iss ${JSON.stringify(iss ?? null)} and sub ${JSON.stringify(sub ?? null)} must both be the holder's DID`, `Set iss and sub to ${did}`, SPEC_REF);
  }
  if (sub !== did) throw refuse(`id_token sub ${sub} is not the DID ${did} of its kid`, `Sign with a key of ${sub}, or set sub to ${did}`, SPEC_REF);
  if (input.clientDid !== undefined && sub !== input.clientDid) {
    throw refuse(`id_token is signed by ${sub}, not by the client_id ${input.clientDid} of the authorization request`, `Sign the ID Token with the key of ${input.clientDid}`, SPEC_REF);
  }

  let key;
  try {
    key = resolveDidUrlToJwk(kid);
  } catch (error) {
    if (error instanceof DidError) throw refuse(`id_token kid ${kid} names no usable key: ${error.message}`, 'Use a did:key (P-256, Ed25519, jwk_jcs-pub) or a did:jwk', SPEC_REF, error);
    throw error;
  }
  let verified: boolean;
  try {
    verified = verifyJwsSignature(decoded, key, alg);
  } catch (error) {
    if (error instanceof JwsAlgError || error instanceof JwkError) throw refuse(`id_token cannot be verified with the key of ${kid}: ${error.message}`, HELP, SPEC_REF, error);
    throw error;
  }
  if (!verified) throw refuse(`id_token signature does not verify with the key of ${kid}`, 'Sign the ID Token with the private key of the DID in kid', SPEC_REF);

  checkAudience(payload.aud, input.issuer);
  if (typeof payload.nonce !== 'string' || !timingSafeEqualString(payload.nonce, input.nonce)) {
    throw refuse(
      payload.nonce === undefined ? 'id_token has no nonce' : 'id_token nonce is not the nonce of the ID Token Request',
      'Copy the nonce of the ID Token Request (or of its request object) into the ID Token',
      SPEC_REF,
    );
  }
  checkTimes(payload, input.now, skew);
  return { subject: sub, kid, alg };
}

function algOf(alg: unknown): string {
  const help = `Sign the ID Token with one of ${SUPPORTED_JWS_ALGS.join(', ')}`;
  try {
    return jwsAlgorithm(alg).name;
  } catch (error) {
    if (error instanceof JwsAlgError) throw refuse(`id_token ${error.message}`, help, 'RFC 8725 Section 3.1', error);
    throw error;
  }
}

function checkAudience(aud: unknown, issuer: string): void {
  const values = Array.isArray(aud) ? aud : [aud];
  if (!values.includes(issuer)) throw refuse(`id_token aud ${JSON.stringify(aud ?? null)} is not this issuer ${issuer}`, `Set aud to ${issuer}, the client_id of the ID Token Request`, SPEC_REF);
}

function checkTimes(payload: JsonObject, now: number, skew: number): void {
  const { exp, iat } = payload;
  if (typeof exp !== 'number') throw refuse(`id_token exp must be a number, got ${JSON.stringify(exp ?? null)}`, 'Set exp a few minutes ahead', SPEC_REF);
  if (exp + skew <= now) throw refuse(`id_token expired at ${new Date(exp * 1000).toISOString()}`, 'Create a fresh ID Token with exp a few minutes ahead', SPEC_REF);
  if (iat !== undefined && (typeof iat !== 'number' || iat - skew > now)) {
    throw refuse(`id_token iat ${JSON.stringify(iat)} is in the future`, 'Set iat to the current time, and check the device clock', SPEC_REF);
  }
}

function refuse(reason: string, help: string, specRef: string, cause?: unknown): ProtocolError {
  return invalidRequest({ reason, help, specRef, cause, description: 'The ID Token is not valid' });
}
