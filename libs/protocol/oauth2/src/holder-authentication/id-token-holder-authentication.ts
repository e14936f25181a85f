import { invalidRequest } from '@issuer/protocol-errors';
import type { FormParameters } from '../token-request/form-parameters.js';

/** SIOPv2's static discovery metadata: the authorization_endpoint of a Self-Issued OP that published none. */
export const DEFAULT_HOLDER_AUTHORIZATION_ENDPOINT = 'openid:';

/** How an EBSI v4 wallet asked to be authenticated by its DID instead of by an End-User login. */
export interface IdTokenHolderAuthentication {
  /** Where the ID Token Request goes: client_metadata.authorization_endpoint, else `openid:`. */
  authorizationEndpoint: string;
  /** Why the request looked like EBSI's: the DID client_id, client_metadata, or both. */
  signals: Array<'did_client_id' | 'client_metadata'>;
}

/**
 * EBSI v4 (OID4VCI draft 11): a wallet whose client_id is a did:key or did:jwk, or that sends its
 * own OP metadata as client_metadata, expects the authorization server to authenticate its DID with
 * an ID Token Request (SIOPv2) rather than to show a login page. Undefined for any other request.
 */
export function idTokenHolderAuthentication(parameters: FormParameters): IdTokenHolderAuthentication | undefined {
  const signals: IdTokenHolderAuthentication['signals'] = [];
  const clientId = parameters.client_id ?? '';
  if (clientId.startsWith('did:key:') || clientId.startsWith('did:jwk:')) signals.push('did_client_id');
  if (parameters.client_metadata !== undefined) signals.push('client_metadata');
  if (signals.length === 0) return undefined;
  const metadata = parameters.client_metadata === undefined ? {} : clientMetadata(parameters.client_metadata);
  const endpoint = metadata.authorization_endpoint;
  return { authorizationEndpoint: endpoint === undefined ? DEFAULT_HOLDER_AUTHORIZATION_ENDPOINT : authorizationEndpoint(endpoint), signals };
}

function clientMetadata(value: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    parsed = undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw invalidRequest({
      reason: 'client_metadata is not a JSON object',
      help: 'Send client_metadata as a JSON object, e.g. {"authorization_endpoint":"openid:"}, URL-encoded',
      specRef: 'SIOPv2 Section 9',
    });
  }
  return parsed as Record<string, unknown>;
}

// RFC 6749 Section 3.1.2 rules as for redirect_uri: the ID Token Request is a redirect to this URI.
function authorizationEndpoint(value: unknown): string {
  const help = 'Set client_metadata.authorization_endpoint to the wallet\'s absolute URI (e.g. openid:), or leave it out for openid:';
  if (typeof value !== 'string') throw invalidRequest({ reason: `client_metadata.authorization_endpoint is ${JSON.stringify(value)}, not a string`, help, specRef: 'SIOPv2 Section 9' });
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw invalidRequest({ reason: `client_metadata.authorization_endpoint ${JSON.stringify(value)} is not an absolute URI`, help, specRef: 'RFC 6749 Section 3.1.2' });
  }
  if (url.hash !== '') throw invalidRequest({ reason: 'client_metadata.authorization_endpoint has a fragment', help, specRef: 'RFC 6749 Section 3.1.2' });
  if (url.protocol === 'javascript:' || url.protocol === 'data:') {
    throw invalidRequest({ reason: `client_metadata.authorization_endpoint uses the ${url.protocol} scheme`, help, specRef: 'RFC 9700 Section 4.1' });
  }
  return value;
}
