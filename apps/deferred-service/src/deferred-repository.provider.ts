import type { Database } from '@issuer/data-access-runtime';
import { createDeferredRepository, type DeferredRepository } from '@issuer/data-access-deferred';
import type { KeyStore } from '@issuer/crypto';
import { DATABASE, KEY_STORE, PLATFORM_CONFIG, ProtectedResource, type PlatformConfig } from '@issuer/nest';

export const DEFERRED_REPOSITORY = Symbol('DEFERRED_REPOSITORY');

export const deferredRepositoryProviders = [
  { provide: DEFERRED_REPOSITORY, useFactory: (db: Database): DeferredRepository => createDeferredRepository(db), inject: [DATABASE] },
  {
    provide: ProtectedResource,
    useFactory: (keys: KeyStore, config: PlatformConfig, repo: DeferredRepository) =>
      new ProtectedResource(keys, config.publicUrl, (jkt, jti, expiresAt) => repo.consumeDpopJti(jkt, jti, expiresAt)),
    inject: [KEY_STORE, PLATFORM_CONFIG, DEFERRED_REPOSITORY],
  },
];
