import type { AuthorizationServerMetadata } from './build-authorization-server-metadata.js';

/** OpenID Connect Discovery 1.0 Section 3, as EBSI v4 wallets read it for the ID Token flow. */
export interface OpenIdConfiguration extends AuthorizationServerMetadata {
  subject_types_supported: string[];
  id_token_signing_alg_values_supported: string[];
  request_object_signing_alg_values_supported: string[];
  request_parameter_supported: boolean;
  /** SIOPv2 RP metadata: the DID methods of the holders whose ID Tokens this server verifies. */
  subject_syntax_types_supported: string[];
  scopes_supported: string[];
}

/**
 * EBSI v4 wallets look the authorization server up at /.well-known/openid-configuration: the RFC 8414
 * metadata, plus what OpenID Connect Discovery requires and what the ID Token Request uses.
 */
export function buildOpenIdConfiguration(metadata: AuthorizationServerMetadata, signingAlgs: string[]): OpenIdConfiguration {
  return {
    ...metadata,
    scopes_supported: ['openid'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: signingAlgs,
    request_object_signing_alg_values_supported: signingAlgs,
    request_parameter_supported: true,
    subject_syntax_types_supported: ['did:key', 'did:jwk'],
  };
}
