import { randomUUID } from 'node:crypto';
import type { Database, SqlTransaction } from './database.js';
import { readMigrations, type Migration } from './read-migrations.js';
import type { ServiceMigrations } from './service-migrations.js';
import { assertSchemaName } from './schema-name.js';

export interface MigrationResult {
  schema: string;
  /** Names of the migrations this call applied; empty when the schema was up to date. */
  applied: string[];
}

// The key Prisma Migrate locks with, so this runner and the CLI never migrate at the same time.
const PRISMA_MIGRATE_LOCK = 72707369;

interface AppliedMigration {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
}

/**
 * Applies each service's committed migrations that its schema lacks, recording them in
 * `<schema>._prisma_migrations` exactly as `prisma migrate deploy` would. One transaction per
 * service under Prisma's advisory lock: processes starting together apply each migration once.
 */
export async function migrate(db: Database, services: ServiceMigrations[]): Promise<MigrationResult[]> {
  const results: MigrationResult[] = [];
  for (const service of services) {
    assertSchemaName(service.schema);
    const migrations = await readMigrations(service.dir);
    const applied = await db.transaction((sql) => migrateSchema(sql, service.schema, migrations));
    results.push({ schema: service.schema, applied });
  }
  return results;
}

async function migrateSchema(sql: SqlTransaction, schema: string, migrations: Migration[]): Promise<string[]> {
  await sql.query('SELECT pg_advisory_xact_lock($1)', [PRISMA_MIGRATE_LOCK]);
  await sql.exec(`
    CREATE SCHEMA IF NOT EXISTS "${schema}";
    CREATE TABLE IF NOT EXISTS "${schema}"."_prisma_migrations" (
      "id"                  VARCHAR(36) PRIMARY KEY NOT NULL,
      "checksum"            VARCHAR(64) NOT NULL,
      "finished_at"         TIMESTAMPTZ,
      "migration_name"      VARCHAR(255) NOT NULL,
      "logs"                TEXT,
      "rolled_back_at"      TIMESTAMPTZ,
      "started_at"          TIMESTAMPTZ NOT NULL DEFAULT now(),
      "applied_steps_count" INTEGER NOT NULL DEFAULT 0
    );`);
  const rows = await sql.query<AppliedMigration>(
    `SELECT "migration_name", "checksum", "finished_at" FROM "${schema}"."_prisma_migrations" WHERE "rolled_back_at" IS NULL`,
  );
  const applied = new Map(rows.map((row) => [row.migration_name, row]));

  const pending: Migration[] = [];
  for (const migration of migrations) {
    const row = applied.get(migration.name);
    if (!row) {
      pending.push(migration);
    } else if (row.finished_at === null) {
      throw new Error(`Migration ${schema}/${migration.name} failed earlier; resolve it (prisma migrate resolve) before starting.`);
    } else if (row.checksum !== migration.checksum) {
      throw new Error(`Migration ${schema}/${migration.name} was edited after it was applied (checksum ${row.checksum}, file ${migration.checksum}); add a new migration instead.`);
    }
  }
  // Rows of migrations this build does not know (a newer release applied them) are left alone, as
  // `prisma migrate deploy` does, so an older instance can still start during a rolling update.

  for (const migration of pending) {
    const startedAt = new Date();
    await sql.exec(migration.sql);
    await sql.query(
      `INSERT INTO "${schema}"."_prisma_migrations"
         ("id", "checksum", "finished_at", "migration_name", "logs", "rolled_back_at", "started_at", "applied_steps_count")
       VALUES ($1, $2, clock_timestamp(), $3, NULL, NULL, $4, 1)`,
      [randomUUID(), migration.checksum, migration.name, startedAt],
    );
  }
  return pending.map((migration) => migration.name);
}
