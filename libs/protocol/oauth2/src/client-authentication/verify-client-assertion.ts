import type { KeyObject } from 'node:crypto';
import { SUPPORTED_JWS_ALGS, type JsonObject, type JWK } from '@issuer/crypto';
import { JWT_BEARER_CLIENT_ASSERTION_TYPE } from './client-authentication-method.js';
import { checkClientJwtAlg, checkClientJwtSignature, decodeClientJwt, describeValue, refuseClient, refuseCrit, type ClientJwtContext } from './client-jwt.js';
import { checkExp, checkIat, checkNbf, CLIENT_JWT_CLOCK_SKEW_SECONDS, type ClientJwtClock } from './client-jwt-times.js';

const ASSERTION: ClientJwtContext = { label: 'client_assertion', specRef: 'RFC 7523 Section 3' };
const HELP_SHAPE = 'Send client_assertion as a JWT signed with your key, with claims iss and sub (both your client_id), aud (this authorization server), exp and jti';

/**
 * The public key a client signs its assertions with, e.g. from its registration or from a did:key
 * or did:jwk `kid`; undefined when the client or key is unknown. May throw a ProtocolError.
 */
export type ClientKeyResolver = (clientId: string, header: JsonObject) => JWK | KeyObject | undefined | Promise<JWK | KeyObject | undefined>;

export interface VerifyClientAssertionInput {
  clientAssertionType: string | undefined;
  clientAssertion: string | undefined;
  /** The `client_id` parameter, when the request carried one. */
  clientId?: string;
  /** The `aud` values that identify this authorization server: its issuer identifier and the endpoint URL. */
  audiences: readonly string[];
  /** Epoch seconds. */
  now: number;
  clockSkewSeconds?: number;
  /** RFC 7523 Section 3 item 4 lets the server refuse an `exp` unreasonably far in the future; unset, any is accepted. */
  maxLifetimeSeconds?: number;
  /** `token_endpoint_auth_signing_alg_values_supported`. */
  allowedAlgs?: readonly string[];
  resolveKey: ClientKeyResolver;
}

export interface VerifiedClientAssertion {
  clientId: string;
  /** Not checked for replay here: the caller remembers it until `expiresAt` and refuses it twice. */
  jti: string;
  /** The assertion's `exp`. */
  expiresAt: number;
  alg: string;
  kid?: string;
}

/**
 * RFC 7521 Section 4.2 and RFC 7523 Sections 2.2 and 3: `private_key_jwt` client authentication, as
 * EBSI's wallets use it. Every failure is invalid_client (RFC 7521 Section 4.2.1).
 */
export async function verifyClientAssertion(input: VerifyClientAssertionInput): Promise<VerifiedClientAssertion> {
  const clock: ClientJwtClock = { now: input.now, clockSkewSeconds: input.clockSkewSeconds ?? CLIENT_JWT_CLOCK_SKEW_SECONDS };
  const jwt = assertionParameter(input.clientAssertionType, input.clientAssertion);
  const decoded = decodeClientJwt(jwt, ASSERTION, HELP_SHAPE);
  const { header, payload } = decoded;
  refuseCrit(header.crit, ASSERTION);
  const alg = checkClientJwtAlg(header.alg, input.allowedAlgs ?? SUPPORTED_JWS_ALGS, ASSERTION);
  const clientId = assertedClient(payload, input.clientId);

  const key = await input.resolveKey(clientId, header);
  if (key === undefined) {
    throw refuseClient(
      `no public key is known for client ${JSON.stringify(clientId)}${typeof header.kid === 'string' ? ` and kid ${JSON.stringify(header.kid)}` : ''}`,
      'Register the public key of your client with this authorization server, or name it in kid (did:key, did:jwk)',
      'RFC 7523 Section 3',
    );
  }
  checkClientJwtSignature(decoded, key, `the key of client ${JSON.stringify(clientId)}`, 'Sign the client_assertion with the private key registered for your client_id', { ...ASSERTION, specRef: 'RFC 7523 Section 3 item 7' });

  checkAudience(payload.aud, input.audiences);
  const expiresAt = checkExp(payload.exp, clock, { ...ASSERTION, specRef: 'RFC 7523 Section 3 item 4' }, 'Create a fresh client_assertion with exp a few minutes ahead');
  if (input.maxLifetimeSeconds !== undefined && expiresAt - clock.now > input.maxLifetimeSeconds) {
    throw refuseClient(
      `client_assertion exp ${expiresAt} is ${expiresAt - clock.now} s ahead; at most ${input.maxLifetimeSeconds} s is accepted`,
      `Set exp at most ${input.maxLifetimeSeconds} s after the current time`,
      'RFC 7523 Section 3 item 4',
    );
  }
  checkNbf(payload.nbf, clock, { ...ASSERTION, specRef: 'RFC 7523 Section 3 item 5' }, 'Create the client_assertion with nbf at or before the current time');
  checkIat(payload.iat, clock, { ...ASSERTION, specRef: 'RFC 7523 Section 3 item 6' }, 'Set iat to the current time, and check the device clock');
  const jti = payload.jti;
  // OpenID Connect Core 1.0 Section 9: private_key_jwt assertions carry a jti, so a replay can be refused.
  if (typeof jti !== 'string' || jti === '') throw refuseClient(`client_assertion jti must be a non-empty string, got ${describeValue(jti)}`, 'Put a unique random jti into every client_assertion', 'OpenID Connect Core 1.0 Section 9');
  return { clientId, jti, expiresAt, alg, ...(typeof header.kid === 'string' && { kid: header.kid }) };
}

/** RFC 7521 Section 4.2: client_assertion_type names the JWT profile, client_assertion carries one JWT. */
function assertionParameter(type: string | undefined, assertion: string | undefined): string {
  const specRef = 'RFC 7521 Section 4.2';
  if (type === undefined) throw refuseClient('client_assertion was sent without client_assertion_type', `Send client_assertion_type=${JWT_BEARER_CLIENT_ASSERTION_TYPE} with the client_assertion`, specRef);
  if (type !== JWT_BEARER_CLIENT_ASSERTION_TYPE) {
    throw refuseClient(`client_assertion_type ${JSON.stringify(type)} is not supported`, `Send client_assertion_type=${JWT_BEARER_CLIENT_ASSERTION_TYPE} and a JWT in client_assertion`, 'RFC 7523 Section 2.2');
  }
  if (assertion === undefined) throw refuseClient('client_assertion_type was sent without client_assertion', HELP_SHAPE, specRef);
  return assertion;
}

/** RFC 7523 Section 3 items 1 and 2.B: iss and sub are both the client_id; RFC 7521 Section 4.2: so is a client_id parameter. */
function assertedClient(payload: JsonObject, clientIdParameter: string | undefined): string {
  const { iss, sub } = payload;
  const specRef = 'RFC 7523 Section 3';
  if (typeof iss !== 'string' || iss === '') throw refuseClient(`client_assertion iss must be your client_id, got ${describeValue(iss)}`, HELP_SHAPE, specRef);
  if (sub !== iss) throw refuseClient(`client_assertion sub ${describeValue(sub)} is not its iss ${JSON.stringify(iss)}; both must be the client_id`, `Set both iss and sub to your client_id, ${iss}`, specRef);
  if (clientIdParameter !== undefined && clientIdParameter !== iss) {
    throw refuseClient(`client_id ${JSON.stringify(clientIdParameter)} is not the client_assertion iss ${JSON.stringify(iss)}`, `Send client_id=${iss}, or leave client_id out`, 'RFC 7521 Section 4.2');
  }
  return iss;
}

/** RFC 7523 Section 3 item 3: aud identifies this authorization server (its issuer or the endpoint URL). */
function checkAudience(aud: unknown, audiences: readonly string[]): void {
  const values = Array.isArray(aud) ? aud : [aud];
  if (!values.some((value) => typeof value === 'string' && audiences.includes(value))) {
    throw refuseClient(`client_assertion aud ${describeValue(aud)} names none of ${audiences.map((value) => JSON.stringify(value)).join(', ')}`, `Set aud to the issuer identifier of this authorization server, ${audiences[0] ?? ''}`, 'RFC 7523 Section 3 item 3');
  }
}
