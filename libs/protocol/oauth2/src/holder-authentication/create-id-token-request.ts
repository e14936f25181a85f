import { signJwt, type JsonObject, type SigningKey } from '@issuer/crypto';

export interface IdTokenRequestInput {
  /** The authorization server's issuer identifier: iss and client_id of the request. */
  issuer: string;
  /** Where the holder POSTs its ID Token (response_mode direct_post). */
  directPostUri: string;
  /** The wallet's client_id (its DID), the audience of the request object. */
  holderClientId: string;
  /** The holder's authorization_endpoint, e.g. openid: */
  authorizationEndpoint: string;
  state: string;
  nonce: string;
  /** Epoch seconds. */
  now: number;
  expiresIn: number;
}

export interface IdTokenRequest {
  /** The redirect that takes the ID Token Request to the holder's wallet. */
  location: string;
  /** The claims of the signed request object, for the timeline. */
  claims: JsonObject;
}

/**
 * SIOPv2 Section 9 as EBSI v4 uses it: the authorization server asks the holder for an ID Token
 * signed with its DID key, to be POSTed to `directPostUri` (OpenID4VP 1.0 Section 8.2). The
 * parameters go both as query parameters and in a request object signed by the server (RFC 9101
 * Section 5), so wallets that read either find the same values.
 */
export function createIdTokenRequest(input: IdTokenRequestInput, key: SigningKey): IdTokenRequest {
  const parameters = {
    client_id: input.issuer,
    response_type: 'id_token',
    response_mode: 'direct_post',
    redirect_uri: input.directPostUri,
    scope: 'openid',
    nonce: input.nonce,
    state: input.state,
  };
  const claims: JsonObject = { iss: input.issuer, aud: input.holderClientId, iat: input.now, exp: input.now + input.expiresIn, ...parameters };
  const request = signJwt({ header: { alg: key.alg, kid: key.kid, typ: 'JWT' }, payload: claims }, key);
  const url = new URL(input.authorizationEndpoint);
  for (const [name, value] of Object.entries({ ...parameters, request })) url.searchParams.set(name, value);
  return { location: url.toString(), claims };
}
