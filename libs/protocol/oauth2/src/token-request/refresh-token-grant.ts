import { invalidRequest } from '@issuer/protocol-errors';
import type { FormParameters } from './form-parameters.js';

// RFC 6749 Section 6
export const REFRESH_TOKEN_GRANT_TYPE = 'refresh_token';

export interface RefreshTokenTokenRequest {
  grant_type: typeof REFRESH_TOKEN_GRANT_TYPE;
  refresh_token: string;
  /** RFC 6749 Section 6: OPTIONAL, at most the scope originally granted. */
  scope?: string;
  client_id?: string;
  parameters: FormParameters;
}

/** RFC 6749 Section 6: the refresh request's form parameters. */
export function parseRefreshTokenRequest(parameters: FormParameters): RefreshTokenTokenRequest {
  const { refresh_token, scope, client_id } = parameters;
  if (refresh_token === undefined) {
    throw invalidRequest({ reason: 'refresh_token is missing', help: 'Send the refresh_token of the latest token response', specRef: 'RFC 6749 Section 6' });
  }
  return {
    grant_type: REFRESH_TOKEN_GRANT_TYPE,
    refresh_token,
    ...(scope !== undefined && { scope }),
    ...(client_id !== undefined && { client_id }),
    parameters,
  };
}
