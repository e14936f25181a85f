import { SUPPORTED_JWS_ALGS } from '@issuer/crypto';
import { tokenEndpointAuthMethodsSupported, type ClientAuthenticationPolicy } from './authenticate-client.js';
import { ATTEST_JWT_CLIENT_AUTH, PRIVATE_KEY_JWT } from './client-authentication-method.js';

/** The members of the authorization server metadata (RFC 8414 Section 2) that describe client authentication. */
export interface ClientAuthenticationMetadata {
  token_endpoint_auth_methods_supported: string[];
  token_endpoint_auth_signing_alg_values_supported?: string[];
  client_attestation_signing_alg_values_supported?: string[];
  client_attestation_pop_signing_alg_values_supported?: string[];
  challenge_endpoint?: string;
}

/**
 * RFC 8414 Section 2 and draft-ietf-oauth-attestation-based-client-auth-07 Sections 8 and 10.1: with
 * attest_jwt_client_auth the algorithms of both JWTs MUST be listed, and a challenge endpoint when
 * the server offers one.
 */
export function clientAuthenticationMetadata(
  policy: Pick<ClientAuthenticationPolicy, 'methods' | 'requireWalletAttestation' | 'attestation' | 'assertion'>,
  options: { challengeEndpoint?: string } = {},
): ClientAuthenticationMetadata {
  const methods = tokenEndpointAuthMethodsSupported(policy);
  const metadata: ClientAuthenticationMetadata = { token_endpoint_auth_methods_supported: methods };
  if (methods.includes(PRIVATE_KEY_JWT)) metadata.token_endpoint_auth_signing_alg_values_supported = [...(policy.assertion?.allowedAlgs ?? SUPPORTED_JWS_ALGS)];
  if (methods.includes(ATTEST_JWT_CLIENT_AUTH)) {
    const algs = [...(policy.attestation?.allowedAlgs ?? SUPPORTED_JWS_ALGS)];
    metadata.client_attestation_signing_alg_values_supported = algs;
    metadata.client_attestation_pop_signing_alg_values_supported = [...algs];
    if (options.challengeEndpoint !== undefined) metadata.challenge_endpoint = options.challengeEndpoint;
  }
  return metadata;
}
