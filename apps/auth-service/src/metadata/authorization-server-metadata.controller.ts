import { Controller, Get, Header, Inject } from '@nestjs/common';
import type { KeyStore } from '@issuer/crypto';
import { KEY_STORE, PLATFORM_CONFIG, type PlatformConfig } from '@issuer/nest';
import { buildAuthorizationServerMetadata } from '@issuer/protocol-oid4vci';
import { ClientAuthentication } from '../client/client-authentication.js';

/** RFC 8414 Section 3 and OID4VCI 1.0 Section 12.3. */
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

  @Get('jwks')
  @Header('Cache-Control', 'public, max-age=300')
  async jwks() {
    return this.keys.publicJwks();
  }
}
