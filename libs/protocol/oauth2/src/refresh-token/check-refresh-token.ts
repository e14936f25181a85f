import { invalidGrant, type ProtocolError } from '@issuer/protocol-errors';
import type { RefreshTokenTokenRequest } from '../token-request/refresh-token-grant.js';

/** What the authorization server kept of a refresh token and of the authorization it continues. */
export interface RefreshTokenRecord {
  clientId: string;
  /** RFC 9449 Section 5: the DPoP key the token is bound to; null for a token issued without DPoP. */
  dpopJkt: string | null;
  expiresAt: Date;
  /** When the token was exchanged for its successor; null while it is the family's current one. */
  usedAt: Date | null;
  /** When every refresh token of the authorization was revoked, and why. */
  revokedAt: Date | null;
  revocationReason: string | null;
}

export type RefreshTokenDecision = { ok: true } | { ok: false; error: ProtocolError; reused: boolean };

const SPEC_REF = 'RFC 6749 Section 6';
const UNKNOWN_OR_EXPIRED = 'The refresh token is invalid or expired';
const NEW_AUTHORIZATION = 'Start a new authorization request';

/**
 * RFC 6749 Section 6 with rotation (RFC 9700 Section 4.14.2) and DPoP binding (RFC 9449 Section 5):
 * decides a refresh request; changes nothing. A token used before (`reused`) means the caller
 * revokes the family. The binding is checked first: a request that cannot prove the client and the
 * key could not have used the token, and leaves the family alone.
 */
export function checkRefreshToken(
  record: RefreshTokenRecord | null,
  request: Pick<RefreshTokenTokenRequest, 'client_id'>,
  context: { now: number; clientId: string | undefined; dpopJkt: string | undefined },
): RefreshTokenDecision {
  if (record === null) return refuse({ reason: 'refresh_token is unknown', help: 'Send the refresh_token of the latest token response', description: UNKNOWN_OR_EXPIRED });
  if (record.revokedAt !== null) {
    return refuse({
      reason: `refresh_token was revoked at ${record.revokedAt.toISOString()}${record.revocationReason ? ` (${record.revocationReason})` : ''}, with every refresh token of its authorization`,
      help: NEW_AUTHORIZATION,
      specRef: 'RFC 9700 Section 4.14.2',
      description: 'The refresh token was revoked',
    });
  }
  const clientId = context.clientId ?? request.client_id;
  if (clientId !== record.clientId) {
    return refuse({ reason: `refresh_token was issued to client ${record.clientId}, not ${JSON.stringify(clientId ?? null)}`, help: 'Refresh with the client_id the refresh token was issued to' });
  }
  const binding = dpopBindingProblem(record.dpopJkt, context.dpopJkt);
  if (binding !== undefined) return refuse({ reason: binding.reason, help: binding.help, specRef: 'RFC 9449 Section 5' });
  if (record.usedAt !== null) {
    // RFC 9700 Section 4.14.2: either the client or an attacker holds a copy; which one cannot be told.
    return {
      ok: false,
      reused: true,
      error: invalidGrant({
        reason: `refresh_token was already used at ${record.usedAt.toISOString()}; every refresh token of its authorization is revoked`,
        help: 'A refresh token is single-use: keep the refresh_token of each token response for the next refresh. Start a new authorization request',
        specRef: 'RFC 9700 Section 4.14.2',
        description: 'The refresh token was already used',
      }),
    };
  }
  if (record.expiresAt.getTime() <= context.now * 1000) {
    return refuse({ reason: `refresh_token expired at ${record.expiresAt.toISOString()}`, help: NEW_AUTHORIZATION, description: UNKNOWN_OR_EXPIRED });
  }
  return { ok: true };
}

function dpopBindingProblem(bound: string | null, presented: string | undefined): { reason: string; help: string } | undefined {
  if ((bound ?? undefined) === presented) return undefined;
  if (bound === null) {
    return {
      reason: `refresh_token was issued without DPoP, so it yields Bearer access tokens; the request carries a DPoP proof of key ${presented}`,
      help: 'Refresh without the DPoP header, or start a new authorization with a DPoP proof at the token request',
    };
  }
  return {
    reason: presented === undefined ? `refresh_token is bound to DPoP key ${bound}, and no DPoP proof was sent` : `DPoP proof key ${presented} is not the key ${bound} the refresh_token is bound to`,
    help: 'Sign the DPoP proof of the refresh request with the key of the token request that obtained the refresh token',
  };
}

function refuse(detail: { reason: string; help: string; specRef?: string; description?: string }): RefreshTokenDecision {
  return { ok: false, reused: false, error: invalidGrant({ specRef: SPEC_REF, ...detail }) };
}
