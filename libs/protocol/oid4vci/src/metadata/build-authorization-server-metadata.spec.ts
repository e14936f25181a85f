import { describe, expect, it } from '@jest/globals';
import { buildAuthorizationServerMetadata } from './build-authorization-server-metadata.js';
import { buildOpenIdConfiguration } from './build-openid-configuration.js';

describe('buildAuthorizationServerMetadata (RFC 8414, OID4VCI 1.0 Section 12.3)', () => {
  it('describes a pre-authorized code server with DPoP', () => {
    expect(buildAuthorizationServerMetadata({ baseUrl: 'https://issuer.example.com/' })).toEqual({
      issuer: 'https://issuer.example.com',
      token_endpoint: 'https://issuer.example.com/token',
      jwks_uri: 'https://issuer.example.com/jwks',
      grant_types_supported: ['urn:ietf:params:oauth:grant-type:pre-authorized_code'],
      'pre-authorized_grant_anonymous_access_supported': true,
      dpop_signing_alg_values_supported: ['ES256'],
      token_endpoint_auth_methods_supported: ['none'],
    });
  });

  it('follows the configuration for anonymous access, algorithms and client authentication', () => {
    const metadata = buildAuthorizationServerMetadata({
      baseUrl: 'https://as.example',
      anonymousAccess: false,
      dpopSigningAlgs: ['ES256', 'ES384'],
      tokenEndpointAuthMethods: ['attest_jwt_client_auth'],
    });
    expect(metadata['pre-authorized_grant_anonymous_access_supported']).toBe(false);
    expect(metadata.dpop_signing_alg_values_supported).toEqual(['ES256', 'ES384']);
    expect(metadata.token_endpoint_auth_methods_supported).toEqual(['attest_jwt_client_auth']);
  });

  it('adds the authorization code grant with PAR, PKCE S256 and refresh tokens when enabled', () => {
    const metadata = buildAuthorizationServerMetadata({ baseUrl: 'https://as.example', authorizationCode: true });
    expect(metadata).toMatchObject({
      grant_types_supported: ['authorization_code', 'urn:ietf:params:oauth:grant-type:pre-authorized_code', 'refresh_token'],
      response_types_supported: ['code'],
      authorization_endpoint: 'https://as.example/authorize',
      pushed_authorization_request_endpoint: 'https://as.example/par',
      require_pushed_authorization_requests: true,
      code_challenge_methods_supported: ['S256'],
      authorization_response_iss_parameter_supported: true,
    });
  });
});

describe('buildOpenIdConfiguration (OpenID Connect Discovery 1.0 Section 3, EBSI v4)', () => {
  it('adds what Discovery requires and the ID Token flow uses to the RFC 8414 metadata', () => {
    const metadata = buildAuthorizationServerMetadata({ baseUrl: 'https://as.example', authorizationCode: true });
    expect(buildOpenIdConfiguration(metadata, ['ES256'])).toEqual({
      ...metadata,
      scopes_supported: ['openid'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['ES256'],
      request_object_signing_alg_values_supported: ['ES256'],
      request_parameter_supported: true,
      subject_syntax_types_supported: ['did:key', 'did:jwk'],
    });
  });
});
