import { invalidRequest, unsupportedGrantType } from '@issuer/protocol-errors';
import { AUTHORIZATION_CODE_GRANT_TYPE, parseAuthorizationCodeTokenRequest, type AuthorizationCodeTokenRequest } from './authorization-code-grant.js';
import { readFormParameters, type FormBody } from './form-parameters.js';
import { parseRefreshTokenRequest, REFRESH_TOKEN_GRANT_TYPE, type RefreshTokenTokenRequest } from './refresh-token-grant.js';
import {
  parsePreAuthorizedCodeTokenRequest,
  PRE_AUTHORIZED_CODE_GRANT_TYPE,
  type PreAuthorizedCodeGrantOptions,
  type PreAuthorizedCodeTokenRequest,
} from './pre-authorized-code-grant.js';

export type TokenRequest = PreAuthorizedCodeTokenRequest | AuthorizationCodeTokenRequest | RefreshTokenTokenRequest;

export interface ParseTokenRequestOptions extends PreAuthorizedCodeGrantOptions {
  /** Defaults to every grant type this platform implements. */
  grantTypesSupported?: readonly string[];
}

const GRANT_TYPES = [PRE_AUTHORIZED_CODE_GRANT_TYPE, AUTHORIZATION_CODE_GRANT_TYPE, REFRESH_TOKEN_GRANT_TYPE] as const;

/** RFC 6749 Sections 4.1.3 and 6, OID4VCI 1.0 Section 6.1: the form body of a token request, by grant type. */
export function parseTokenRequest(body: FormBody, options: ParseTokenRequestOptions = {}): TokenRequest {
  const parameters = readFormParameters(body);
  const grantType = parameters.grant_type;
  const supported = options.grantTypesSupported ?? GRANT_TYPES;
  if (grantType === undefined) {
    throw invalidRequest({ reason: 'grant_type is missing', help: `Send grant_type, one of ${supported.join(', ')}`, specRef: 'RFC 6749 Section 4.1.3' });
  }
  if (!supported.includes(grantType) || !(GRANT_TYPES as readonly string[]).includes(grantType)) {
    throw unsupportedGrantType({
      reason: `grant_type ${JSON.stringify(grantType)} is not supported`,
      help: `Use one of ${supported.join(', ')}`,
      specRef: 'RFC 6749 Section 5.2',
    });
  }
  if (grantType === PRE_AUTHORIZED_CODE_GRANT_TYPE) return parsePreAuthorizedCodeTokenRequest(parameters, options);
  return grantType === REFRESH_TOKEN_GRANT_TYPE ? parseRefreshTokenRequest(parameters) : parseAuthorizationCodeTokenRequest(parameters);
}
