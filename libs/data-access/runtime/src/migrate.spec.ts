import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createThrowawayDatabase, postgresTestServerUrl, type ThrowawayDatabase } from './create-throwaway-database.js';
import type { Database } from './database.js';
import { migrate } from './migrate.js';
import { openDatabase } from './open-database.js';
import { applyMigrationsWithPrisma, diagnoseMigrationHistory } from './prisma-schema-engine.js';
import { readMigrations } from './read-migrations.js';
import type { ServiceMigrations } from './service-migrations.js';

const dataAccess = fileURLToPath(new URL('../../', import.meta.url));
const libs = { offer: 'offer', auth: 'auth', credential: 'credential', deferred: 'deferred', session_log: 'session-log' };
const services: ServiceMigrations[] = Object.entries(libs).map(([schema, lib]) => ({ schema, dir: join(dataAccess, lib, 'prisma', 'migrations') }));
const schemaPathOf = (service: ServiceMigrations) => join(service.dir, '..', 'schema.prisma');

// The CLI keeps `_prisma_migrations` in the schema of its URL (`?schema=auth`), the first on the search_path.
const asCliWithSchema = (db: Database, schema: string) => db.transaction((sql) => sql.exec(`SET search_path TO "${schema}"`));

interface MigrationRow {
  id: string;
  checksum: string;
  finished_at: Date | null;
  migration_name: string;
  logs: string | null;
  rolled_back_at: Date | null;
  started_at: Date;
  applied_steps_count: number;
}

const migrationRows = (db: Database, schema: string) =>
  db.transaction((sql) => sql.query<MigrationRow>(`SELECT * FROM "${schema}"."_prisma_migrations" ORDER BY "migration_name"`));

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('migrate on PGlite', () => {
  let db: Database;
  let scratchDir: string;
  const scratch = (): ServiceMigrations => ({ schema: 'scratch', dir: scratchDir });
  const addMigration = async (name: string, sql: string) => {
    await mkdir(join(scratchDir, name), { recursive: true });
    await writeFile(join(scratchDir, name, 'migration.sql'), sql);
  };

  beforeAll(async () => {
    db = await openDatabase({ kind: 'pglite', dataDir: null });
    scratchDir = await mkdtemp(join(tmpdir(), 'migrations-'));
  }, 60_000);

  afterAll(async () => {
    await db.close();
    await rm(scratchDir, { recursive: true, force: true });
  });

  it('applies every committed migration and records it in the schema as the Prisma CLI does', async () => {
    const results = await migrate(db, services);

    for (const service of services) {
      const migrations = await readMigrations(service.dir);
      expect(migrations.length).toBeGreaterThan(0);
      expect(results.find((result) => result.schema === service.schema)?.applied).toEqual(migrations.map((m) => m.name));
      const rows = await migrationRows(db, service.schema);
      expect(rows.map((row) => [row.migration_name, row.checksum])).toEqual(migrations.map((m) => [m.name, sha256(m.sql)]));
      for (const row of rows) {
        expect(row.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
        expect(row.finished_at).toBeInstanceOf(Date);
        expect(row.rolled_back_at).toBeNull();
        expect(row.applied_steps_count).toBe(1);
      }
    }
  });

  it('is idempotent: a second run applies and records nothing', async () => {
    const before = await Promise.all(services.map((service) => migrationRows(db, service.schema)));
    const results = await migrate(db, services);
    expect(results.every((result) => result.applied.length === 0)).toBe(true);
    expect(await Promise.all(services.map((service) => migrationRows(db, service.schema)))).toEqual(before);
  });

  it('applies a migration committed later after the ones applied before', async () => {
    await addMigration('20250101000000_create', 'CREATE SCHEMA IF NOT EXISTS "scratch";\nCREATE TABLE "scratch"."Thing" ("id" TEXT PRIMARY KEY);\n');
    expect(await migrate(db, [scratch()])).toEqual([{ schema: 'scratch', applied: ['20250101000000_create'] }]);

    await addMigration('20250102000000_add_name', 'ALTER TABLE "scratch"."Thing" ADD COLUMN "name" TEXT;\n');
    expect(await migrate(db, [scratch()])).toEqual([{ schema: 'scratch', applied: ['20250102000000_add_name'] }]);
    await db.transaction((sql) => sql.query(`INSERT INTO "scratch"."Thing" ("id", "name") VALUES ('a', 'b')`));
  });

  it('refuses to start when an applied migration was edited', async () => {
    await writeFile(join(scratchDir, '20250101000000_create', 'migration.sql'), 'CREATE SCHEMA IF NOT EXISTS "scratch";\n-- edited\n');
    await expect(migrate(db, [scratch()])).rejects.toThrow(/scratch\/20250101000000_create was edited after it was applied/);
  });

  it('leaves nothing behind when a migration fails', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'migrations-'));
    try {
      for (const [name, sql] of [
        ['20250101000000_ok', 'CREATE SCHEMA IF NOT EXISTS "broken";\nCREATE TABLE "broken"."A" ("id" TEXT);\n'],
        ['20250102000000_bad', 'ALTER TABLE "broken"."Missing" ADD COLUMN "x" TEXT;\n'],
      ] as const) {
        await mkdir(join(dir, name));
        await writeFile(join(dir, name, 'migration.sql'), sql);
      }

      await expect(migrate(db, [{ schema: 'broken', dir }])).rejects.toThrow(/Missing/);
      const [schema] = await db.transaction((sql) =>
        sql.query<{ found: boolean }>(`SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = 'broken') AS found`),
      );
      expect(schema?.found).toBe(false);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('rejects a schema name it would have to quote', async () => {
    await expect(migrate(db, [{ schema: 'offer"; DROP SCHEMA auth; --', dir: scratchDir }])).rejects.toThrow(/Invalid schema name/);
  });
});

describe('migrate and the Prisma CLI', () => {
  it('records migrations so that Prisma finds them applied, unedited and complete', async () => {
    const db = await openDatabase({ kind: 'pglite', dataDir: null });
    try {
      await migrate(db, services);
      for (const service of services) {
        await asCliWithSchema(db, service.schema);
        const options = { schemaPath: schemaPathOf(service), migrationsDir: service.dir, adapterFactory: db.adapter() };
        expect(await diagnoseMigrationHistory(options)).toEqual({ editedMigrationNames: [], failedMigrationNames: [], hasMigrationsTable: true, history: null });
        expect(await applyMigrationsWithPrisma(options)).toEqual([]);
      }
    } finally {
      await db.close();
    }
  }, 60_000);

  it('takes over a database that Prisma migrated', async () => {
    const db = await openDatabase({ kind: 'pglite', dataDir: null });
    try {
      for (const service of services) {
        await db.transaction((sql) => sql.exec(`CREATE SCHEMA "${service.schema}"`));
        await asCliWithSchema(db, service.schema);
        const applied = await applyMigrationsWithPrisma({ schemaPath: schemaPathOf(service), migrationsDir: service.dir, adapterFactory: db.adapter() });
        expect(applied).toEqual((await readMigrations(service.dir)).map((m) => m.name));
      }
      expect((await migrate(db, services)).every((result) => result.applied.length === 0)).toBe(true);
    } finally {
      await db.close();
    }
  }, 60_000);
});

const serverUrl = postgresTestServerUrl();
describe('migrate on PostgreSQL', () => {
  let throwaway: ThrowawayDatabase;

  beforeAll(async () => {
    throwaway = await createThrowawayDatabase(serverUrl);
  }, 30_000);

  afterAll(async () => {
    await throwaway?.drop();
  });

  it('applies each migration once when two processes start at the same time', async () => {
    const [first, second] = await Promise.all([
      openDatabase({ kind: 'postgres', url: throwaway.url, poolMax: 2 }),
      openDatabase({ kind: 'postgres', url: throwaway.url, poolMax: 2 }),
    ]);
    try {
      const [a, b] = await Promise.all([migrate(first, services), migrate(second, services)]);
      for (const service of services) {
        const names = (await readMigrations(service.dir)).map((m) => m.name);
        const appliedByA = a.find((result) => result.schema === service.schema)?.applied ?? [];
        const appliedByB = b.find((result) => result.schema === service.schema)?.applied ?? [];
        expect([...appliedByA, ...appliedByB].sort()).toEqual(names);
        expect((await migrationRows(first, service.schema)).map((row) => row.migration_name)).toEqual(names);
      }
      expect((await migrate(first, services)).every((result) => result.applied.length === 0)).toBe(true);
    } finally {
      await Promise.all([first.close(), second.close()]);
    }
  }, 60_000);
});
