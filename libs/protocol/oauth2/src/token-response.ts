import type { IssuedAccessToken } from './access-token.js';

export interface CredentialAuthorizationDetail {
  credential_configuration_id: string;
  /** OID4VCI 1.0 Section 6.2: REQUIRED, non-empty. */
  credential_identifiers: string[];
}

export interface TokenResponseAuthorizationDetail extends CredentialAuthorizationDetail {
  type: 'openid_credential';
}

export interface TokenResponse {
  access_token: string;
  token_type: 'DPoP' | 'Bearer';
  expires_in: number;
  authorization_details?: TokenResponseAuthorizationDetail[];
  scope?: string;
  /** RFC 6749 Section 5.1 */
  refresh_token?: string;
}

/**
 * OID4VCI 1.0 Section 6.2: the 1.0 token response; `authorization_details` is present exactly when
 * details are given (they were requested or the issuer names credential datasets). No c_nonce: the
 * nonce endpoint provides it in 1.0.
 */
export function createTokenResponse(token: IssuedAccessToken, extra: { authorization_details?: CredentialAuthorizationDetail[]; scope?: string; refresh_token?: string } = {}): TokenResponse {
  const details = extra.authorization_details;
  if (details !== undefined) {
    const empty = details.find((detail) => detail.credential_identifiers.length === 0);
    if (details.length === 0 || empty !== undefined) {
      throw new RangeError(`authorization_details must be a non-empty array with non-empty credential_identifiers${empty ? ` (${empty.credential_configuration_id} has none)` : ''}`);
    }
  }
  return {
    access_token: token.access_token,
    token_type: token.token_type,
    expires_in: token.expires_in,
    ...(details !== undefined && {
      authorization_details: details.map((detail) => ({
        type: 'openid_credential' as const,
        credential_configuration_id: detail.credential_configuration_id,
        credential_identifiers: [...detail.credential_identifiers],
      })),
    }),
    ...(extra.scope !== undefined && { scope: extra.scope }),
    ...(extra.refresh_token !== undefined && { refresh_token: extra.refresh_token }),
  };
}
