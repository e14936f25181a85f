export interface AuthorizationResponse {
  code: string;
  state?: string;
  /** RFC 9207 Section 2: the authorization server's issuer identifier, always sent (HAIP 1.0 Section 4). */
  iss: string;
}

export interface AuthorizationErrorResponse {
  error: string;
  error_description?: string;
  state?: string;
  iss: string;
}

/** RFC 6749 Sections 4.1.2 and 4.1.2.1: the response parameters on the redirect_uri's query. */
export function authorizationResponseUrl(redirectUri: string, response: AuthorizationResponse | AuthorizationErrorResponse): string {
  const url = new URL(redirectUri);
  for (const [name, value] of Object.entries(response)) {
    if (value !== undefined) url.searchParams.set(name, value);
  }
  return url.toString();
}
