import { migrate, openDatabase } from '@issuer/data-access-runtime';
import { loadPlatformConfig } from '@issuer/nest';
import { allMigrations } from './migrations.js';

/** `npm run migrate`: applies every service's committed migrations to DATABASE_URL (a Kubernetes Job later). */
const config = loadPlatformConfig();
if (!config.databaseUrl) {
  process.stderr.write('DATABASE_URL is required, e.g. postgres://postgres@127.0.0.1:5432/issuer\n');
  process.exit(64);
}
const database = await openDatabase({ kind: 'postgres', url: config.databaseUrl, poolMax: 1 });
try {
  for (const { schema, applied } of await migrate(database, allMigrations)) {
    process.stdout.write(applied.length === 0 ? `${schema}: up to date\n` : `${schema}: applied ${applied.join(', ')}\n`);
  }
} finally {
  await database.close();
}
