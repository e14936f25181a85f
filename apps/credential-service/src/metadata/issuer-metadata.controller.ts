import { Controller, Get, Header, Inject } from '@nestjs/common';
import type { KeyStore } from '@issuer/crypto';
import { CREDENTIAL_CONFIGURATIONS, KEY_STORE, PLATFORM_CONFIG, type CredentialConfigurations, type PlatformConfig } from '@issuer/nest';
import { buildIssuerMetadata } from '@issuer/protocol-oid4vci';

@Controller('.well-known')
export class IssuerMetadataController {
  constructor(
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
    @Inject(CREDENTIAL_CONFIGURATIONS) private readonly configurations: CredentialConfigurations,
    @Inject(KEY_STORE) private readonly keys: KeyStore,
  ) {}

  /** OID4VCI 1.0 Section 12.2. */
  @Get('openid-credential-issuer')
  @Header('Cache-Control', 'public, max-age=300')
  issuerMetadata() {
    return buildIssuerMetadata({
      baseUrl: this.config.publicUrl,
      configurations: [...this.configurations.values()],
      deferred: true,
      notification: true,
      batchSize: this.config.batchSize,
    });
  }

  /** SD-JWT VC Section 5: the issuer's keys, for verifiers of the credentials it signs. */
  @Get('jwt-vc-issuer')
  @Header('Cache-Control', 'public, max-age=300')
  async jwtVcIssuer() {
    const key = await this.keys.signingKey('credential');
    return { issuer: this.config.publicUrl, jwks: { keys: [key.publicJwk] } };
  }
}
