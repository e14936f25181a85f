import { AUTHORIZATION_CODE_GRANT_TYPE, PRE_AUTHORIZED_CODE_GRANT_TYPE, REFRESH_TOKEN_GRANT_TYPE } from '../grant-types.js';
import { trimTrailingSlash } from './well-known-urls.js';

export const AUTHORIZATION_SERVER_PATHS = {
  token: '/token',
  // Served by the auth-service at this path (libs/contracts/routes).
  jwks: '/jwks',
  authorization: '/authorize',
  pushedAuthorizationRequest: '/par',
} as const;

export interface AuthorizationServerMetadataOptions {
  /** The authorization server's issuer identifier (RFC 8414 Section 2). */
  baseUrl: string;
  /** OID4VCI 1.0 Section 12.3: Token Requests with a pre-authorized code but no client_id. Default true. */
  anonymousAccess?: boolean;
  /** RFC 9449 Section 5.1. Default ['ES256']. */
  dpopSigningAlgs?: string[];
  /** RFC 8414 Section 2. Default ['none']. */
  tokenEndpointAuthMethods?: string[];
  /** Adds the authorization code grant with PAR, PKCE S256 and `iss` in the response (HAIP 1.0 Section 4), and its refresh tokens. */
  authorizationCode?: boolean;
  /** RFC 9126 Section 5; HAIP 1.0 Section 4 requires it. Default true. */
  requirePar?: boolean;
}

/** RFC 8414 Section 2 with OID4VCI 1.0 Section 12.3. */
export interface AuthorizationServerMetadata {
  issuer: string;
  token_endpoint: string;
  jwks_uri: string;
  grant_types_supported: string[];
  'pre-authorized_grant_anonymous_access_supported': boolean;
  dpop_signing_alg_values_supported: string[];
  token_endpoint_auth_methods_supported: string[];
  response_types_supported?: string[];
  authorization_endpoint?: string;
  pushed_authorization_request_endpoint?: string;
  require_pushed_authorization_requests?: boolean;
  code_challenge_methods_supported?: string[];
  authorization_response_iss_parameter_supported?: boolean;
  authorization_details_types_supported?: string[];
}

export function buildAuthorizationServerMetadata(config: AuthorizationServerMetadataOptions): AuthorizationServerMetadata {
  const issuer = trimTrailingSlash(config.baseUrl);
  const metadata: AuthorizationServerMetadata = {
    issuer,
    token_endpoint: `${issuer}${AUTHORIZATION_SERVER_PATHS.token}`,
    jwks_uri: `${issuer}${AUTHORIZATION_SERVER_PATHS.jwks}`,
    grant_types_supported: [PRE_AUTHORIZED_CODE_GRANT_TYPE],
    'pre-authorized_grant_anonymous_access_supported': config.anonymousAccess ?? true,
    dpop_signing_alg_values_supported: config.dpopSigningAlgs ?? ['ES256'],
    token_endpoint_auth_methods_supported: config.tokenEndpointAuthMethods ?? ['none'],
  };
  // OID4VCI 1.0 Section 12.3: a pre-authorized-only server MAY omit response_types_supported, which RFC 8414 otherwise requires.
  if (!config.authorizationCode) return metadata;
  return {
    ...metadata,
    // RFC 6749 Section 6: the authorization code grant's token responses carry a refresh token.
    grant_types_supported: [AUTHORIZATION_CODE_GRANT_TYPE, PRE_AUTHORIZED_CODE_GRANT_TYPE, REFRESH_TOKEN_GRANT_TYPE],
    response_types_supported: ['code'],
    authorization_endpoint: `${issuer}${AUTHORIZATION_SERVER_PATHS.authorization}`,
    pushed_authorization_request_endpoint: `${issuer}${AUTHORIZATION_SERVER_PATHS.pushedAuthorizationRequest}`,
    // HAIP 1.0 Section 4: FAPI 2.0 applies, so PAR and PKCE with S256.
    require_pushed_authorization_requests: config.requirePar ?? true,
    code_challenge_methods_supported: ['S256'],
    // RFC 9207 Section 3
    authorization_response_iss_parameter_supported: true,
    // RFC 9396 Section 10, with the type OID4VCI 1.0 Section 5.1.1 defines.
    authorization_details_types_supported: ['openid_credential'],
  };
}
