import type { Provider } from '@nestjs/common';
import { issuerHostedTypeMetadata, type TypeMetadataDocument } from '@issuer/formats';
import { CREDENTIAL_CONFIGURATIONS, PLATFORM_CONFIG, type CredentialConfigurations, type PlatformConfig } from '@issuer/nest';

export const TYPE_METADATA = Symbol('TYPE_METADATA');

export type TypeMetadataDocuments = ReadonlyMap<string, TypeMetadataDocument>;

/** The type metadata of the issuer's own SD-JWT VC types, serialized once at start so that served bytes and `vct#integrity` agree. */
export const typeMetadataProvider: Provider = {
  provide: TYPE_METADATA,
  inject: [CREDENTIAL_CONFIGURATIONS, PLATFORM_CONFIG],
  useFactory: (configurations: CredentialConfigurations, config: PlatformConfig): TypeMetadataDocuments => issuerHostedTypeMetadata(configurations.values(), config.publicUrl),
};
