import { createCredentialRepository, type CredentialRepository } from '@issuer/data-access-credential';
import type { Database } from '@issuer/data-access-runtime';
import type { KeyStore } from '@issuer/crypto';
import { DATABASE, EVENT_BUS, KEY_STORE, OutboxRelay, PLATFORM_CONFIG, PLATFORM_SECRETS, ProtectedResource, dpopNonceSettings, type EventBus, type PlatformConfig, type PlatformSecrets } from '@issuer/nest';

export const CREDENTIAL_REPOSITORY = Symbol('CREDENTIAL_REPOSITORY');
export const CREDENTIAL_OUTBOX = Symbol('CREDENTIAL_OUTBOX');

export const credentialRepositoryProviders = [
  { provide: CREDENTIAL_REPOSITORY, useFactory: (db: Database): CredentialRepository => createCredentialRepository(db), inject: [DATABASE] },
  {
    provide: CREDENTIAL_OUTBOX,
    useFactory: (repo: CredentialRepository, bus: EventBus) => new OutboxRelay(repo.outbox, bus, { batchSize: 200, intervalMs: 1000 }),
    inject: [CREDENTIAL_REPOSITORY, EVENT_BUS],
  },
  {
    provide: ProtectedResource,
    useFactory: (keys: KeyStore, config: PlatformConfig, secrets: PlatformSecrets, repo: CredentialRepository) =>
      new ProtectedResource(keys, config.publicUrl, (jkt, jti, expiresAt) => repo.consumeDpopJti(jkt, jti, expiresAt), dpopNonceSettings(config, secrets)),
    inject: [KEY_STORE, PLATFORM_CONFIG, PLATFORM_SECRETS, CREDENTIAL_REPOSITORY],
  },
];
