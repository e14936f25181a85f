import { invalidRequest, unsupportedResponseType } from '@issuer/protocol-errors';
import { checkCodeChallenge } from '../token-request/pkce.js';
import type { FormParameters } from '../token-request/form-parameters.js';
import { parseAuthorizationDetailsParameter, type AuthorizationDetail } from '../token-request/parse-authorization-details-parameter.js';

/** An authorization request (RFC 6749 Section 4.1.1) as this server accepts it: code flow, PKCE S256. */
export interface AuthorizationRequestParameters {
  client_id: string;
  redirect_uri: string;
  code_challenge: string;
  code_challenge_method: 'S256';
  state?: string;
  scope?: string;
  authorization_details?: AuthorizationDetail[];
  /** OID4VCI 1.0 Section 5.1.3: the credential offer's issuer_state. */
  issuer_state?: string;
  /** RFC 9449 Section 10: the thumbprint of the DPoP key the token request must use. */
  dpop_jkt?: string;
  /** OpenID Connect Core 1.0 Section 3.1.2.1: repeated in the ID Token of the token response (EBSI v4). */
  nonce?: string;
}

// RFC 7638 SHA-256 thumbprint, base64url: 43 characters.
const JKT = /^[A-Za-z0-9_-]{43}$/;

/**
 * The parameters of a pushed authorization request (RFC 9126 Section 2.1) or of a plain one at the
 * authorization endpoint. Which client may send it, and what it may ask for, is decided by the caller.
 */
export function parseAuthorizationRequest(parameters: FormParameters, { pushed }: { pushed: boolean }): AuthorizationRequestParameters {
  if (pushed && parameters.request_uri !== undefined) {
    throw invalidRequest({ reason: 'request_uri was sent to the pushed authorization request endpoint', help: 'Send the authorization parameters themselves; request_uri is what this endpoint answers', specRef: 'RFC 9126 Section 2.1' });
  }
  if (parameters.request !== undefined) {
    throw invalidRequest({ reason: 'request objects (the request parameter) are not supported', help: 'Send the authorization parameters as form parameters', specRef: 'RFC 9101 Section 5' });
  }
  if (parameters.response_type !== 'code') {
    throw unsupportedResponseType({
      reason: parameters.response_type === undefined ? 'response_type is missing' : `response_type ${JSON.stringify(parameters.response_type)} is not supported`,
      help: 'Send response_type=code',
      specRef: 'RFC 6749 Section 4.1.1',
    });
  }
  const { client_id, redirect_uri, state, scope, issuer_state, dpop_jkt, nonce } = parameters;
  if (client_id === undefined) throw invalidRequest({ reason: 'client_id is missing', help: 'Send the client_id of the wallet', specRef: 'RFC 6749 Section 4.1.1' });
  if (redirect_uri === undefined) {
    throw invalidRequest({ reason: 'redirect_uri is missing', help: 'Send the redirect_uri the authorization response goes to', specRef: 'RFC 9126 Section 2.1' });
  }
  checkRedirectUri(redirect_uri);
  const challenge = checkCodeChallenge(parameters);
  if (dpop_jkt !== undefined && !JKT.test(dpop_jkt)) {
    throw invalidRequest({ reason: `dpop_jkt ${JSON.stringify(dpop_jkt)} is not a base64url SHA-256 JWK thumbprint`, help: 'Send the RFC 7638 thumbprint of the DPoP public key', specRef: 'RFC 9449 Section 10' });
  }
  return {
    client_id,
    redirect_uri,
    ...challenge,
    ...(state !== undefined && { state }),
    ...(scope !== undefined && { scope }),
    ...(parameters.authorization_details !== undefined && { authorization_details: parseAuthorizationDetailsParameter(parameters.authorization_details) }),
    ...(issuer_state !== undefined && { issuer_state }),
    ...(dpop_jkt !== undefined && { dpop_jkt }),
    ...(nonce !== undefined && { nonce }),
  };
}

// RFC 6749 Section 3.1.2: an absolute URI without a fragment. Wallets use https or their own scheme.
function checkRedirectUri(value: string): void {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw invalidRequest({ reason: `redirect_uri ${JSON.stringify(value)} is not an absolute URI`, help: 'Send an absolute URI, e.g. https://wallet.example/cb or a custom scheme', specRef: 'RFC 6749 Section 3.1.2' });
  }
  if (url.hash !== '') throw invalidRequest({ reason: 'redirect_uri has a fragment', help: 'Remove the fragment from redirect_uri', specRef: 'RFC 6749 Section 3.1.2' });
  if (url.protocol === 'javascript:' || url.protocol === 'data:') {
    throw invalidRequest({ reason: `redirect_uri uses the ${url.protocol} scheme`, help: 'Use https or a custom scheme of the wallet', specRef: 'RFC 9700 Section 4.1' });
  }
}
