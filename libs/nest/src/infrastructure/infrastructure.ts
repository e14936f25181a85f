import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { KeyStore } from '@issuer/crypto';
import { migrate, openDatabase, type Database, type ServiceMigrations } from '@issuer/data-access-runtime';
import { pino, type Logger } from 'pino';
import type { PlatformConfig } from '../config/platform-config.js';
import { InProcessBus } from '../messaging/index.js';
import { JetStreamBus } from '../messaging/index.js';
import type { CommandBus, EventBus } from '../messaging/index.js';
import { createKeyStore } from './create-key-store.js';
import { readCredentialConfigurations, type CredentialConfigurations } from './credential-configurations.js';
import { loadPlatformSecrets, type PlatformSecrets } from './platform-secrets.js';
import { systemClock, type Clock } from './tokens.js';

export interface Infrastructure {
  config: PlatformConfig;
  database: Database;
  eventBus: EventBus;
  commandBus: CommandBus;
  keyStore: KeyStore;
  log: Logger;
  clock: Clock;
  secrets: PlatformSecrets;
  credentialConfigurations: CredentialConfigurations;
  /** Waits until in-process deliveries so far are handled (embedded); a no-op with JetStream. */
  drain(): Promise<void>;
  close(): Promise<void>;
}

/** The embedded default (ARCHITECTURE.md principle 10): PGlite under DATA_DIR and an in-process bus. */
export async function createEmbeddedInfrastructure(config: PlatformConfig, migrations: ServiceMigrations[]): Promise<Infrastructure> {
  const log = pino({ level: config.logLevel, redact: ['*.authorization', '*.privateKey'] });
  const dataDir = config.dataDir === ':memory:' ? null : join(config.dataDir, 'pglite');
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const database = await openDatabase({
    kind: 'pglite',
    dataDir,
    onMaintenanceError: (error) => log.warn({ err: error }, 'The embedded database could not vacuum; it tries again at its next round'),
  });
  await migrate(database, migrations);
  const bus = new InProcessBus({ log });
  return assemble(config, database, bus, bus, log, () => bus.drain(), () => bus.close());
}

/** One service of the distributed mode: Postgres and NATS JetStream. Migrations ran before (`npm run migrate`). */
export async function createDistributedInfrastructure(config: PlatformConfig, serviceName: string): Promise<Infrastructure> {
  const log = pino({ level: config.logLevel, base: { service: serviceName } });
  if (!config.databaseUrl) throw new Error('DATABASE_URL is required in the distributed mode');
  if (!config.natsUrl) throw new Error('NATS_URL is required in the distributed mode');
  const database = await openDatabase({ kind: 'postgres', url: config.databaseUrl });
  const bus = await JetStreamBus.connect({
    servers: config.natsUrl,
    serviceName,
    streamName: config.natsStream,
    subjectPrefix: config.natsSubjectPrefix,
    log,
  });
  return assemble(config, database, bus, bus, log, async () => undefined, () => bus.close());
}

function assemble(
  config: PlatformConfig,
  database: Database,
  eventBus: EventBus,
  commandBus: CommandBus,
  log: Logger,
  drain: () => Promise<void>,
  closeBus: () => Promise<void>,
): Infrastructure {
  return {
    config,
    database,
    eventBus,
    commandBus,
    keyStore: createKeyStore(config),
    log,
    clock: systemClock,
    secrets: loadPlatformSecrets(config.keysDir),
    credentialConfigurations: readCredentialConfigurations(config.credentialConfigFiles, config.publicUrl, config.compatibilityProfile),
    drain,
    async close() {
      await closeBus();
      await database.close();
    },
  };
}
