import type { ProtocolError } from './protocol-error.js';

/**
 * RFC 6750 Section 3 and RFC 9449 Section 7.1: a protected resource answers token and DPoP
 * problems with 401 and a WWW-Authenticate challenge for each scheme it accepts.
 */
export function asResourceServerError(error: ProtocolError, schemes: { dpop: boolean; bearer: boolean; algs?: string[] }): ProtocolError {
  const challenged = error.error === 'invalid_token' || error.error === 'invalid_dpop_proof' || error.error === 'use_dpop_nonce';
  if (!challenged) return error;
  const attrs = `error="${error.error}", error_description="${error.description.replace(/"/g, "'")}"`;
  const challenges: string[] = [];
  if (schemes.dpop) challenges.push(`DPoP ${attrs}, algs="${(schemes.algs ?? ['ES256']).join(' ')}"`);
  if (schemes.bearer && error.error === 'invalid_token') challenges.push(`Bearer ${attrs}`);
  return error.with({ status: 401, headers: { 'WWW-Authenticate': challenges.join(', ') } });
}
