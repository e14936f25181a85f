import { invalidGrant, type ProtocolError } from '@issuer/protocol-errors';
import { verifyPkceS256 } from '../token-request/pkce.js';
import type { AuthorizationCodeTokenRequest } from '../token-request/authorization-code-grant.js';

/** What the authorization server kept of the authorization request a code was issued for. */
export interface AuthorizationCodeRecord {
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  dpopJkt: string | null;
  /** Null until a code was issued for the request. */
  codeExpiresAt: Date | null;
  codeConsumedAt: Date | null;
}

/**
 * Whether a token request must repeat redirect_uri. RFC 6749 Section 4.1.3 requires it; with PKCE
 * and PAR the binding is already made, so `optional` accepts wallets that leave it out (the
 * timeline says so) while a sent value must still match.
 */
export type RedirectUriPolicy = 'required' | 'optional';

export type AuthorizationCodeDecision = { ok: true; notes: string[] } | { ok: false; error: ProtocolError; reused: boolean };

const SPEC_REF = 'RFC 6749 Section 5.2';
const UNKNOWN_OR_EXPIRED = 'The authorization code is invalid or expired';

/** RFC 6749 Section 4.1.3, RFC 7636 Section 4.6, RFC 9449 Section 10: decides the code; changes nothing. */
export function checkAuthorizationCode(
  record: AuthorizationCodeRecord | null,
  request: Pick<AuthorizationCodeTokenRequest, 'client_id' | 'redirect_uri' | 'code_verifier'>,
  context: { now: number; clientId: string | undefined; dpopJkt: string | undefined; redirectUriPolicy: RedirectUriPolicy },
): AuthorizationCodeDecision {
  if (record === null || record.codeExpiresAt === null) return refuse({ reason: 'code is unknown', help: 'Use the code of the latest authorization response', description: UNKNOWN_OR_EXPIRED });
  if (record.codeExpiresAt.getTime() <= context.now * 1000) {
    return refuse({ reason: `code expired at ${record.codeExpiresAt.toISOString()}`, help: 'Redeem the code at once; start a new authorization request', description: UNKNOWN_OR_EXPIRED });
  }
  if (record.codeConsumedAt !== null) {
    // RFC 9700 Section 4.5: a second use may be an attacker's; the caller revokes what the first use obtained.
    return {
      ok: false,
      reused: true,
      error: invalidGrant({
        reason: `code already redeemed at ${record.codeConsumedAt.toISOString()}; the refresh token issued for it is revoked`,
        help: 'An authorization code is single-use: start a new authorization request',
        specRef: 'RFC 6749 Section 4.1.2',
        description: 'The authorization code has already been used',
      }),
    };
  }
  const clientId = context.clientId ?? request.client_id;
  if (clientId !== record.clientId) {
    return refuse({ reason: `code was issued to client ${record.clientId}, not ${JSON.stringify(clientId ?? null)}`, help: 'Redeem the code with the client_id that made the authorization request' });
  }
  const notes: string[] = [];
  if (request.redirect_uri === undefined) {
    if (context.redirectUriPolicy === 'required') {
      return refuse({ reason: 'redirect_uri is missing, and the authorization request had one', help: `Send redirect_uri=${record.redirectUri}`, specRef: 'RFC 6749 Section 4.1.3' });
    }
    notes.push('redirect_uri left out of the token request; accepted because TOKEN_REDIRECT_URI=optional (PKCE binds the code to the wallet)');
  } else if (request.redirect_uri !== record.redirectUri) {
    return refuse({ reason: `redirect_uri ${request.redirect_uri} differs from ${record.redirectUri} of the authorization request`, help: 'Send the redirect_uri of the authorization request', specRef: 'RFC 6749 Section 4.1.3' });
  }
  try {
    verifyPkceS256(request.code_verifier, record.codeChallenge);
  } catch (error) {
    return { ok: false, reused: false, error: error as ProtocolError };
  }
  if (record.dpopJkt !== null && context.dpopJkt !== record.dpopJkt) {
    return refuse({
      reason: context.dpopJkt === undefined ? `the authorization request bound the code to DPoP key ${record.dpopJkt}, and no DPoP proof was sent` : `DPoP proof key ${context.dpopJkt} is not the dpop_jkt ${record.dpopJkt} of the authorization request`,
      help: 'Sign the DPoP proof of the token request with the key whose thumbprint was sent as dpop_jkt',
      specRef: 'RFC 9449 Section 10',
    });
  }
  return { ok: true, notes };
}

function refuse(detail: { reason: string; help: string; specRef?: string; description?: string }): AuthorizationCodeDecision {
  return { ok: false, reused: false, error: invalidGrant({ specRef: SPEC_REF, ...detail }) };
}
