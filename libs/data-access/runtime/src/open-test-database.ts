import type { Database } from './database.js';
import { createThrowawayDatabase, postgresTestServerUrl } from './create-throwaway-database.js';
import { migrate } from './migrate.js';
import { openDatabase } from './open-database.js';
import type { ServiceMigrations } from './service-migrations.js';

export type TestDatabaseKind = 'PGlite' | 'PostgreSQL';

export interface TestDatabase {
  db: Database;
  /** Closes the database and, on PostgreSQL, drops it. */
  close(): Promise<void>;
}

/** A migrated database for one test file: PGlite in memory, or a throwaway database on the test server. */
export async function openTestDatabase(kind: TestDatabaseKind, migrations: ServiceMigrations[]): Promise<TestDatabase> {
  const throwaway = kind === 'PostgreSQL' ? await createThrowawayDatabase(postgresTestServerUrl()) : undefined;
  const db = throwaway ? await openDatabase({ kind: 'postgres', url: throwaway.url, poolMax: 20 }) : await openDatabase({ kind: 'pglite', dataDir: null });
  await migrate(db, migrations);
  return {
    db,
    async close() {
      await db.close();
      await throwaway?.drop();
    },
  };
}
