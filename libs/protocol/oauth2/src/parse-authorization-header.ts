import { invalidRequest, invalidToken } from '@issuer/protocol-errors';

export interface AuthorizationHeaderInput {
  /** Every Authorization header value of the request. */
  authorization: string[];
  /** Every DPoP header value of the request. */
  dpop: string[];
  /** True when the query string carries `access_token`. */
  queryAccessToken?: boolean;
}

export interface PresentedAccessToken {
  scheme: 'DPoP' | 'Bearer';
  token: string;
}

// RFC 9110 Section 11.2 / RFC 6750 Section 2.1: auth-scheme 1*SP token68.
const CREDENTIALS = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+) +(.*)$/;
const TOKEN68 = /^[A-Za-z0-9\-._~+/]+=*$/;

const HELP = 'Send the access token as "Authorization: DPoP <token>" with a DPoP proof, or "Authorization: Bearer <token>" for an unbound token';

/** RFC 6750 Section 2.1 and RFC 9449 Section 7.1: which token was presented, and how. */
export function parseAuthorization(input: AuthorizationHeaderInput): PresentedAccessToken {
  if (input.queryAccessToken) {
    // RFC 6750 Section 2: a client MUST NOT use more than one method to transmit the token.
    if (input.authorization.length > 0) throw invalidRequest({ reason: 'access token sent both in the Authorization header and in the query string', help: HELP, specRef: 'RFC 6750 Section 2' });
    throw invalidToken({
      reason: 'access token sent in the access_token query parameter, which this server does not accept',
      help: `${HELP}; tokens in URLs end up in logs`,
      specRef: 'RFC 6750 Section 2.3',
    });
  }
  if (input.authorization.length === 0) throw invalidToken({ reason: 'no Authorization header', help: HELP, specRef: 'RFC 6750 Section 3.1' });
  if (input.authorization.length > 1) throw invalidRequest({ reason: `${input.authorization.length} Authorization headers were sent`, help: 'Send exactly one Authorization header', specRef: 'RFC 6750 Section 3.1' });

  const match = CREDENTIALS.exec((input.authorization[0] as string).trim());
  if (match === null) throw invalidToken({ reason: 'Authorization header is not "<scheme> <token>"', help: HELP, specRef: 'RFC 6750 Section 2.1' });
  const [, rawScheme, token] = match as unknown as [string, string, string];
  const scheme = rawScheme.toLowerCase() === 'dpop' ? 'DPoP' : rawScheme.toLowerCase() === 'bearer' ? 'Bearer' : undefined;
  if (scheme === undefined) throw invalidToken({ reason: `Authorization scheme ${rawScheme} is not DPoP or Bearer`, help: HELP, specRef: 'RFC 6750 Section 2.1' });
  if (!TOKEN68.test(token)) throw invalidToken({ reason: `the ${scheme} credentials are not a token68 value (length ${token.length})`, help: HELP, specRef: 'RFC 6750 Section 2.1' });

  if (scheme === 'Bearer' && input.dpop.length > 0) {
    throw invalidRequest({
      reason: 'Authorization scheme Bearer used together with a DPoP header',
      help: 'Use "Authorization: DPoP <token>" when sending a DPoP proof',
      specRef: 'RFC 9449 Section 7.2',
    });
  }
  return { scheme, token };
}
