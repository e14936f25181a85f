import type { Provider } from '@nestjs/common';
import { issuerHostedTypeMetadata, type TypeMetadataDocument } from '@issuer/formats';
import { CREDENTIAL_CONFIGURATIONS, PLATFORM_CONFIG, type CredentialConfigurations, type PlatformConfig } from '@issuer/nest';

export const TYPE_METADATA = Symbol('TYPE_METADATA');

export interface TypeMetadataDocuments {
  get(vct: string): TypeMetadataDocument | undefined;
}

/**
 * The type metadata of the issuer's own SD-JWT VC types, serialized once per set of credential
 * configurations so that served bytes and `vct#integrity` agree; built again when the set changes.
 */
class IssuerHostedTypeMetadata implements TypeMetadataDocuments {
  private built: { version: number; documents: ReadonlyMap<string, TypeMetadataDocument> } | undefined;

  constructor(
    private readonly configurations: CredentialConfigurations,
    private readonly credentialIssuer: string,
  ) {}

  get(vct: string): TypeMetadataDocument | undefined {
    const version = this.configurations.version;
    if (this.built?.version !== version) this.built = { version, documents: issuerHostedTypeMetadata(this.configurations.values(), this.credentialIssuer) };
    return this.built.documents.get(vct);
  }
}

export const typeMetadataProvider: Provider = {
  provide: TYPE_METADATA,
  inject: [CREDENTIAL_CONFIGURATIONS, PLATFORM_CONFIG],
  useFactory: (configurations: CredentialConfigurations, config: PlatformConfig): TypeMetadataDocuments => new IssuerHostedTypeMetadata(configurations, config.publicUrl),
};
