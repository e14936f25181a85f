import { sha256Base64url } from '@issuer/crypto';

export interface OpenIdProviderAuthorizationRequest {
  authorizationEndpoint: string;
  clientId: string;
  redirectUri: string;
  scopes: string[];
  state: string;
  nonce: string;
  codeVerifier: string;
}

/** OpenID Connect Core 1.0 Section 3.1.2.1 with RFC 7636 Section 4.3 (S256): where the End-User's browser goes to log in. */
export function openIdProviderAuthorizationUrl(request: OpenIdProviderAuthorizationRequest): string {
  const url = new URL(request.authorizationEndpoint);
  const parameters = {
    response_type: 'code',
    client_id: request.clientId,
    redirect_uri: request.redirectUri,
    scope: request.scopes.join(' '),
    state: request.state,
    nonce: request.nonce,
    code_challenge: sha256Base64url(request.codeVerifier),
    code_challenge_method: 'S256',
  };
  for (const [name, value] of Object.entries(parameters)) url.searchParams.set(name, value);
  return url.toString();
}
