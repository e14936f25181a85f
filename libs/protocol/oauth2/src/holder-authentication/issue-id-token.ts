import { signJwt, type SigningKey } from '@issuer/crypto';

export interface IdTokenClaimsInput {
  issuer: string;
  /** The holder's DID, authenticated by its own ID Token. */
  subject: string;
  /** The client the token response goes to. */
  audience: string;
  /** The nonce of the wallet's authorization request, when it sent one. */
  nonce?: string | null;
  now: number;
  expiresIn: number;
}

/**
 * EBSI v4's token endpoint answers the authorization code grant with an `id_token` beside the access
 * token (OpenID Connect Core 1.0 Section 3.1.3.3): the server's statement of the DID it authenticated.
 */
export function issueIdToken(input: IdTokenClaimsInput, key: SigningKey): string {
  return signJwt(
    {
      header: { alg: key.alg, kid: key.kid, typ: 'JWT' },
      payload: {
        iss: input.issuer,
        sub: input.subject,
        aud: input.audience,
        iat: input.now,
        exp: input.now + input.expiresIn,
        ...(input.nonce ? { nonce: input.nonce } : {}),
      },
    },
    key,
  );
}
