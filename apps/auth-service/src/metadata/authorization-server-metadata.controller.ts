import { Controller, Get, Header, Inject } from '@nestjs/common';
import type { KeyStore } from '@issuer/crypto';
import { KEY_STORE, PLATFORM_CONFIG, type PlatformConfig } from '@issuer/nest';
import { buildAuthorizationServerMetadata, buildOpenIdConfiguration } from '@issuer/protocol-oid4vci';
import { ClientAuthentication } from '../client/client-authentication.js';

/** RFC 8414 Section 3 and OID4VCI 1.0 Section 12.3; OpenID Connect Discovery 1.0 Section 4 for EBSI v4 wallets. */
@Controller()
export class AuthorizationServerMetadataController {
  constructor(
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
    @Inject(KEY_STORE) private readonly keys: KeyStore,
    private readonly clients: ClientAuthentication,
  ) {}

  @Get('.well-known/oauth-authorization-server')
  @Header('Cache-Control', 'public, max-age=300')
  metadata() {
    return {
      ...buildAuthorizationServerMetadata({
        baseUrl: this.config.publicUrl,
        authorizationCode: true,
        requirePar: this.config.requirePar,
        anonymousAccess: !this.config.requireWalletAttestation,
      }),
      ...this.clients.metadata(),
    };
  }

  // EBSI v4 wallets discover the authorization server as an OpenID Provider.
  @Get('.well-known/openid-configuration')
  @Header('Cache-Control', 'public, max-age=300')
  async openIdConfiguration() {
    return buildOpenIdConfiguration(this.metadata(), [(await this.keys.signingKey('access_token')).alg]);
  }

  @Get('jwks')
  @Header('Cache-Control', 'public, max-age=300')
  async jwks() {
    return this.keys.publicJwks();
  }
}
