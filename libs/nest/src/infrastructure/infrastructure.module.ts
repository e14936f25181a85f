import { Global, Module, type DynamicModule } from '@nestjs/common';
import { ApiKeyAuthenticator } from '../admin/api-key-authenticator.js';
import { CredentialConfigurationSync } from './credential-configuration-sync.js';
import type { Infrastructure } from './infrastructure.js';
import { CLOCK, COMMAND_BUS, CREDENTIAL_CONFIGURATIONS, DATABASE, EVENT_BUS, KEY_STORE, LOGGER, PLATFORM_CONFIG, PLATFORM_SECRETS } from './tokens.js';

/** Hands the process's infrastructure (database, bus, keys, config) to every service module. */
@Global()
@Module({})
export class InfrastructureModule {
  static forRoot(infrastructure: Infrastructure): DynamicModule {
    const providers = [
      { provide: PLATFORM_CONFIG, useValue: infrastructure.config },
      { provide: DATABASE, useValue: infrastructure.database },
      { provide: EVENT_BUS, useValue: infrastructure.eventBus },
      { provide: COMMAND_BUS, useValue: infrastructure.commandBus },
      { provide: KEY_STORE, useValue: infrastructure.keyStore },
      { provide: LOGGER, useValue: infrastructure.log },
      { provide: CLOCK, useValue: infrastructure.clock },
      { provide: PLATFORM_SECRETS, useValue: infrastructure.secrets },
      { provide: CREDENTIAL_CONFIGURATIONS, useValue: infrastructure.credentialConfigurations },
    ];
    const exported = [...providers.map((provider) => provider.provide), ApiKeyAuthenticator];
    return { module: InfrastructureModule, global: true, providers: [...providers, ApiKeyAuthenticator, CredentialConfigurationSync], exports: exported };
  }
}
