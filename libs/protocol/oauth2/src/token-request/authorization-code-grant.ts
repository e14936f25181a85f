import { invalidRequest } from '@issuer/protocol-errors';
import type { FormParameters } from './form-parameters.js';
import { parseAuthorizationDetailsParameter, type AuthorizationDetail } from './parse-authorization-details-parameter.js';

// RFC 6749 Section 4.1.3
export const AUTHORIZATION_CODE_GRANT_TYPE = 'authorization_code';

export interface AuthorizationCodeTokenRequest {
  grant_type: typeof AUTHORIZATION_CODE_GRANT_TYPE;
  code: string;
  redirect_uri?: string;
  /** Checked against the stored challenge by `verifyPkceS256` (missing: invalid_grant). */
  code_verifier?: string;
  client_id?: string;
  authorization_details?: AuthorizationDetail[];
  parameters: FormParameters;
}

/** RFC 6749 Section 4.1.3 with RFC 7636 Section 4.5 and RFC 9396 Section 6. */
export function parseAuthorizationCodeTokenRequest(parameters: FormParameters): AuthorizationCodeTokenRequest {
  const { code, redirect_uri, code_verifier, client_id, authorization_details } = parameters;
  if (code === undefined) throw invalidRequest({ reason: 'code is missing', help: 'Send the authorization code from the authorization response as code', specRef: 'RFC 6749 Section 4.1.3' });
  return {
    grant_type: AUTHORIZATION_CODE_GRANT_TYPE,
    code,
    ...(redirect_uri !== undefined && { redirect_uri }),
    ...(code_verifier !== undefined && { code_verifier }),
    ...(client_id !== undefined && { client_id }),
    ...(authorization_details !== undefined && { authorization_details: parseAuthorizationDetailsParameter(authorization_details) }),
    parameters,
  };
}
