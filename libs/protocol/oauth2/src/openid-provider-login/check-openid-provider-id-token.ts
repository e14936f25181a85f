import { timingSafeEqualString, type JsonObject } from '@issuer/crypto';

export interface CheckOpenIdProviderIdTokenInput {
  /** The ID Token's claims, its signature verified with the OP's keys. */
  claims: JsonObject;
  /** The OP's issuer identifier, as configured and as its discovery document states it. */
  issuer: string;
  /** This server's client_id at the OP. */
  clientId: string;
  /** The nonce sent with the authorization request. */
  nonce: string;
  /** Epoch seconds. */
  now: number;
  clockSkewSeconds?: number;
}

export type IdTokenCheck = { valid: true; subject: string } | { valid: false; reason: string; spec_ref: string };

const SPEC_REF = 'OpenID Connect Core 1.0 Section 3.1.3.7';

/**
 * OpenID Connect Core 1.0 Section 3.1.3.7: the claims of the OP's ID Token, after its signature:
 * iss is the OP exactly, aud contains this client (azp names it when there are several), exp is
 * ahead, iat not in the future, the nonce is the one sent, and sub names the End-User.
 */
export function checkOpenIdProviderIdToken(input: CheckOpenIdProviderIdTokenInput): IdTokenCheck {
  const skew = input.clockSkewSeconds ?? 60;
  const { iss, aud, azp, exp, iat, nonce, sub } = input.claims;
  if (iss !== input.issuer) return refuse(`iss ${JSON.stringify(iss ?? null)} is not the OpenID Provider ${input.issuer}`);
  const audiences = Array.isArray(aud) ? aud : [aud];
  if (!audiences.includes(input.clientId)) return refuse(`aud ${JSON.stringify(aud ?? null)} does not contain this client ${input.clientId}`);
  if (audiences.length > 1 && azp !== input.clientId) return refuse(`aud names several audiences and azp ${JSON.stringify(azp ?? null)} is not this client ${input.clientId}`);
  if (azp !== undefined && azp !== input.clientId) return refuse(`azp ${JSON.stringify(azp)} is not this client ${input.clientId}`);
  if (typeof exp !== 'number') return refuse(`exp must be a number, got ${JSON.stringify(exp ?? null)}`);
  if (exp + skew <= input.now) return refuse(`the ID Token expired at ${new Date(exp * 1000).toISOString()}`);
  if (typeof iat !== 'number' || iat - skew > input.now) return refuse(`iat ${JSON.stringify(iat ?? null)} is missing or in the future`);
  if (typeof nonce !== 'string') return refuse('the ID Token has no nonce', 'OpenID Connect Core 1.0 Section 3.1.3.7 step 11');
  if (!timingSafeEqualString(nonce, input.nonce)) return refuse('the ID Token\'s nonce is not the nonce of the authorization request', 'OpenID Connect Core 1.0 Section 3.1.3.7 step 11');
  if (typeof sub !== 'string' || sub.length === 0 || sub.length > 255) return refuse(`sub ${JSON.stringify(sub ?? null)} is not a string of 1 to 255 characters`, 'OpenID Connect Core 1.0 Section 2');
  return { valid: true, subject: sub };
}

function refuse(reason: string, specRef = SPEC_REF): IdTokenCheck {
  return { valid: false, reason, spec_ref: specRef };
}
