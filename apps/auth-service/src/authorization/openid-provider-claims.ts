import type { CredentialConfiguration } from '@issuer/protocol-oid4vci';

// OpenID Connect Core 1.0 Sections 2 and 3.1.3.6: claims about the token, not about the End-User.
const TOKEN_CLAIMS = new Set(['iss', 'sub', 'aud', 'exp', 'iat', 'auth_time', 'nonce', 'acr', 'amr', 'azp', 'at_hash', 'c_hash', 'sid', 'jti', 'nbf']);

/**
 * The End-User's claims from the OpenID Provider (ID Token and UserInfo, OpenID Connect Core 1.0
 * Section 5.1), by name, filtered to the claims a credential configuration describes: a top-level
 * claim of an SD-JWT VC or a JWT VC by its name, an mdoc data element by its name in its namespace.
 * Undefined when the OP stated none of them.
 */
export function openIdProviderClaimsFor(claims: Record<string, unknown>, configuration: CredentialConfiguration): Record<string, unknown> | undefined {
  const result: Record<string, Record<string, unknown> | unknown> = {};
  let found = 0;
  for (const description of configuration.claims ?? []) {
    const path = description.path;
    if (configuration.format === 'mso_mdoc') {
      const [namespace, element] = path;
      if (typeof namespace !== 'string' || typeof element !== 'string' || TOKEN_CLAIMS.has(element) || claims[element] === undefined) continue;
      const elements = (result[namespace] ??= {}) as Record<string, unknown>;
      if (!(element in elements)) found += 1;
      elements[element] = claims[element];
    } else {
      const [name] = path;
      if (typeof name !== 'string' || TOKEN_CLAIMS.has(name) || claims[name] === undefined || name in result) continue;
      result[name] = claims[name];
      found += 1;
    }
  }
  return found === 0 ? undefined : result;
}
