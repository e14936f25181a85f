import type { Database } from '@issuer/data-access-runtime';
import { createDeferredRepository, type DeferredRepository } from '@issuer/data-access-deferred';
import type { KeyStore } from '@issuer/crypto';
import { DATABASE, EVENT_BUS, KEY_STORE, OutboxRelay, PLATFORM_CONFIG, PLATFORM_SECRETS, ProtectedResource, dpopNonceSettings, type EventBus, type PlatformConfig, type PlatformSecrets } from '@issuer/nest';

export const DEFERRED_REPOSITORY = Symbol('DEFERRED_REPOSITORY');
export const DEFERRED_OUTBOX = Symbol('DEFERRED_OUTBOX');

export const deferredRepositoryProviders = [
  { provide: DEFERRED_REPOSITORY, useFactory: (db: Database): DeferredRepository => createDeferredRepository(db), inject: [DATABASE] },
  {
    provide: DEFERRED_OUTBOX,
    useFactory: (repo: DeferredRepository, bus: EventBus) => new OutboxRelay(repo.outbox, bus, { batchSize: 200, intervalMs: 1000 }),
    inject: [DEFERRED_REPOSITORY, EVENT_BUS],
  },
  {
    provide: ProtectedResource,
    useFactory: (keys: KeyStore, config: PlatformConfig, secrets: PlatformSecrets, repo: DeferredRepository) =>
      new ProtectedResource(keys, config.publicUrl, (jkt, jti, expiresAt) => repo.consumeDpopJti(jkt, jti, expiresAt), dpopNonceSettings(config, secrets)),
    inject: [KEY_STORE, PLATFORM_CONFIG, PLATFORM_SECRETS, DEFERRED_REPOSITORY],
  },
];
