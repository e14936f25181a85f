import { describeValue, refuseClient, type ClientJwtContext } from './client-jwt.js';

/** The default tolerance for clocks of clients and attesters that run a little fast or slow. */
export const CLIENT_JWT_CLOCK_SKEW_SECONDS = 60;

export interface ClientJwtClock {
  /** Epoch seconds. */
  now: number;
  clockSkewSeconds: number;
}

/** RFC 7519 Section 4.1.4: refused once `exp` has passed, give or take the skew. */
export function checkExp(exp: unknown, clock: ClientJwtClock, context: ClientJwtContext, help: string): number {
  if (exp === undefined) throw refuseClient(`${context.label} has no exp claim`, help, context.specRef);
  if (!isNumericDate(exp)) throw refuseClient(`${context.label} exp must be a NumericDate (seconds), got ${describeValue(exp)}`, help, context.specRef);
  if (exp <= clock.now - clock.clockSkewSeconds) {
    throw refuseClient(`${context.label} expired: exp ${exp} is ${clock.now - exp} s before the server time ${clock.now}`, help, context.specRef);
  }
  return exp;
}

/** RFC 7519 Section 4.1.5: not accepted before `nbf`, give or take the skew. */
export function checkNbf(nbf: unknown, clock: ClientJwtClock, context: ClientJwtContext, help: string): void {
  if (nbf === undefined) return;
  if (!isNumericDate(nbf)) throw refuseClient(`${context.label} nbf must be a NumericDate (seconds), got ${describeValue(nbf)}`, help, context.specRef);
  if (nbf > clock.now + clock.clockSkewSeconds) throw refuseClient(`${context.label} is not valid before nbf ${nbf}, ${nbf - clock.now} s after the server time ${clock.now}`, help, context.specRef);
}

/** RFC 7519 Section 4.1.6: `iat` not in the future; with `maxAgeSeconds`, not older than that either. */
export function checkIat(iat: unknown, clock: ClientJwtClock, context: ClientJwtContext, help: string, maxAgeSeconds?: number): number | undefined {
  if (iat === undefined) {
    if (maxAgeSeconds !== undefined) throw refuseClient(`${context.label} has no iat claim`, help, context.specRef);
    return undefined;
  }
  if (!isNumericDate(iat)) throw refuseClient(`${context.label} iat must be a NumericDate (seconds), got ${describeValue(iat)}`, help, context.specRef);
  if (iat > clock.now + clock.clockSkewSeconds) {
    throw refuseClient(`${context.label} iat ${iat} is ${iat - clock.now} s in the future (server time ${clock.now}, ${clock.clockSkewSeconds} s of skew accepted)`, help, context.specRef);
  }
  if (maxAgeSeconds !== undefined && clock.now - iat > maxAgeSeconds + clock.clockSkewSeconds) {
    throw refuseClient(`${context.label} iat ${iat} is ${clock.now - iat} s old; at most ${maxAgeSeconds} s (and ${clock.clockSkewSeconds} s of skew) is accepted (server time ${clock.now})`, help, context.specRef);
  }
  return iat;
}

function isNumericDate(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}
