import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { DeferredRepository } from '@issuer/data-access-deferred';
import { DeferredCredentialController } from './deferred/deferred-credential.controller.js';
import { DEFERRED_REPOSITORY, deferredRepositoryProviders } from './deferred-repository.provider.js';

/** The deferred credential endpoint (OID4VCI 1.0 Section 9). */
@Module({
  controllers: [DeferredCredentialController],
  providers: [...deferredRepositoryProviders],
})
export class DeferredServiceModule implements OnApplicationShutdown {
  constructor(@Inject(DEFERRED_REPOSITORY) private readonly repository: DeferredRepository) {}

  async onApplicationShutdown(): Promise<void> {
    await this.repository.close();
  }
}
