import { asResourceServerError, invalidDpopProof, passed, useDpopNonce, type PassedCheck, type ProtocolError } from '@issuer/protocol-errors';
import { checkDpopNonce, createDpopNonce } from './dpop-nonce.js';
import type { VerifiedDpopProof } from './verify-dpop-proof.js';

/** Server-provided DPoP nonces as an operator turns them on; `undefined` everywhere below means off. */
export interface DpopNonceSettings {
  secret: string | Uint8Array;
  ttlSeconds: number;
}

/** RFC 9449 Section 8 at the authorization server, Section 9 at a resource server. */
export type DpopNonceServer = 'authorization_server' | 'resource_server';

const SECTION: Record<DpopNonceServer, string> = { authorization_server: 'RFC 9449 Section 8', resource_server: 'RFC 9449 Section 9' };

/**
 * RFC 9449 Sections 8 and 9: with nonces on, the `nonce` claim of a proof `verifyDpopProof` accepted
 * must be a current nonce of this server. A missing, expired or foreign nonce is answered with
 * use_dpop_nonce and a fresh `DPoP-Nonce`: 400 at the authorization server, 401 with a DPoP
 * challenge at a resource server. Check it before consuming the proof's `jti`.
 */
export function checkDpopProofNonce(proof: Pick<VerifiedDpopProof, 'payload'>, settings: DpopNonceSettings | undefined, { now, server }: { now: number; server: DpopNonceServer }): PassedCheck[] {
  if (settings === undefined) return [];
  const error = nonceError(proof.payload.nonce, settings, now, server);
  if (error !== undefined) throw server === 'resource_server' ? asResourceServerError(error, { dpop: true, bearer: false }) : error;
  return [passed('nonce', `a nonce this ${serverName(server)} provided, still valid`, SECTION[server])];
}

/** RFC 9449 Sections 8.2 and 9: a fresh nonce on any response, successful ones included, while nonces are on. */
export function dpopNonceHeaders(settings: DpopNonceSettings | undefined, now: number): Record<string, string> {
  return settings === undefined ? {} : { 'DPoP-Nonce': createDpopNonce({ ...settings, now }) };
}

function nonceError(nonce: unknown, settings: DpopNonceSettings, now: number, server: DpopNonceServer): ProtocolError | undefined {
  if (nonce === undefined) return retry(`DPoP proof has no nonce claim, and this ${serverName(server)} requires a nonce it provided`, settings, now, server);
  if (typeof nonce !== 'string') {
    return invalidDpopProof({ reason: `DPoP proof nonce must be a string, got ${JSON.stringify(nonce)}`, help: 'Send the DPoP-Nonce value as a string nonce claim', specRef: 'RFC 9449 Section 4.2' });
  }
  const status = checkDpopNonce(nonce, { secret: settings.secret, now });
  if (status === 'expired') return retry(`DPoP proof nonce was provided by this ${serverName(server)} but has expired (nonces are valid for ${settings.ttlSeconds} s)`, settings, now, server);
  if (status === 'invalid') return retry(`DPoP proof nonce ${JSON.stringify(nonce)} was not provided by this ${serverName(server)}`, settings, now, server);
  return undefined;
}

function retry(reason: string, settings: DpopNonceSettings, now: number, server: DpopNonceServer): ProtocolError {
  return useDpopNonce({
    reason,
    help: 'Retry with a new DPoP proof whose nonce claim is the value of the DPoP-Nonce response header',
    specRef: SECTION[server],
    headers: dpopNonceHeaders(settings, now),
  });
}

function serverName(server: DpopNonceServer): string {
  return server === 'authorization_server' ? 'authorization server' : 'resource server';
}
