import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Database } from './database.js';
import { diffDatabaseToSchema, diffMigrationsToSchema, statementLines } from './prisma-schema-engine.js';
import { migrate } from './migrate.js';
import { openDatabase } from './open-database.js';

const dataAccess = fileURLToPath(new URL('../../', import.meta.url));

/** Every data-access lib with a Prisma schema, and the Postgres schema it declares. */
const services = readdirSync(dataAccess)
  .map((name) => ({ name, schemaPath: join(dataAccess, name, 'prisma', 'schema.prisma') }))
  .filter(({ schemaPath }) => {
    try {
      return readFileSync(schemaPath, 'utf8').length > 0;
    } catch {
      return false;
    }
  })
  .map(({ name, schemaPath }) => {
    const schema = /schemas\s*=\s*\["([a-z_]+)"\]/.exec(readFileSync(schemaPath, 'utf8'))?.[1];
    if (!schema) throw new Error(`${schemaPath} declares no single Postgres schema`);
    return { name, schema, schemaPath, migrationsDir: join(dataAccess, name, 'prisma', 'migrations') };
  });

describe('committed migrations and Prisma schemas', () => {
  let db: Database;

  beforeAll(async () => {
    db = await openDatabase({ kind: 'pglite', dataDir: null });
    await migrate(db, services.map(({ schema, migrationsDir }) => ({ schema, dir: migrationsDir })));
  }, 60_000);

  afterAll(async () => {
    await db?.close();
  });

  it('cover the five services', () => {
    expect(services.map((service) => service.schema).sort()).toEqual(['auth', 'credential', 'deferred', 'offer', 'session_log']);
  });

  for (const service of services) {
    it(`${service.name}: replaying the migrations gives exactly the Prisma schema`, async () => {
      expect(statementLines(await diffMigrationsToSchema({ ...service, adapterFactory: db.adapter() }))).toEqual([]);
    }, 60_000);

    it(`${service.name}: the schema migrate() built is exactly the Prisma schema`, async () => {
      expect(statementLines(await diffDatabaseToSchema({ schemaPath: service.schemaPath, adapterFactory: db.adapter() }))).toEqual([]);
    }, 60_000);
  }
});
