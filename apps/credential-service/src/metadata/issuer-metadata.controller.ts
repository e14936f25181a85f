import { Controller, Get, Header, Headers, Inject, Res } from '@nestjs/common';
import type { KeyStore } from '@issuer/crypto';
import { CLOCK, CREDENTIAL_CONFIGURATIONS, KEY_STORE, PLATFORM_CONFIG, type Clock, type CredentialConfigurations, type PlatformConfig } from '@issuer/nest';
import {
  buildIssuerMetadata,
  displayLocales,
  localizeIssuerMetadata,
  preferredDisplayLocale,
  preferredMetadataMediaType,
  signIssuerMetadata,
} from '@issuer/protocol-oid4vci';
import type { FastifyReply } from 'fastify';

const METADATA_MAX_AGE_SECONDS = 300;

@Controller('.well-known')
export class IssuerMetadataController {
  constructor(
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
    @Inject(CREDENTIAL_CONFIGURATIONS) private readonly configurations: CredentialConfigurations,
    @Inject(KEY_STORE) private readonly keys: KeyStore,
    @Inject(CLOCK) private readonly now: Clock,
  ) {}

  /** OID4VCI 1.0 Section 12.2: JSON, or signed (`Accept: application/jwt`), in the wallet's language when the metadata has it. */
  @Get('openid-credential-issuer')
  @Header('Cache-Control', `public, max-age=${METADATA_MAX_AGE_SECONDS}`)
  @Header('Vary', 'Accept, Accept-Language')
  async issuerMetadata(@Headers('accept') accept: string | undefined, @Headers('accept-language') acceptLanguage: string | undefined, @Res({ passthrough: true }) reply: FastifyReply) {
    const metadata = buildIssuerMetadata({
      baseUrl: this.config.publicUrl,
      configurations: [...this.configurations.values()],
      deferred: true,
      notification: true,
      batchSize: this.config.batchSize,
      ...(this.keys.encryptionKey && { requestEncryptionJwks: { keys: [(await this.keys.encryptionKey()).publicJwk] }, encryptionRequired: this.config.credentialEncryptionRequired }),
    });
    const locale = preferredDisplayLocale(acceptLanguage, displayLocales(metadata));
    if (locale) void reply.header('content-language', locale);
    const localized = locale ? localizeIssuerMetadata(metadata, locale) : metadata;
    if (preferredMetadataMediaType(accept) === 'application/json') return localized;
    const signingKey = await this.keys.signingKey('metadata');
    void reply.header('content-type', 'application/jwt');
    return signIssuerMetadata(localized, { signingKey, now: this.now(), ttlSeconds: METADATA_MAX_AGE_SECONDS });
  }

  /** SD-JWT VC Section 5: the issuer's keys, for verifiers of the credentials it signs. */
  @Get('jwt-vc-issuer')
  @Header('Cache-Control', 'public, max-age=300')
  async jwtVcIssuer() {
    const key = await this.keys.signingKey('credential');
    return { issuer: this.config.publicUrl, jwks: { keys: [key.publicJwk] } };
  }
}
