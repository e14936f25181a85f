import { migrate, openDatabase } from '@issuer/data-access-runtime';
import { loadPlatformConfig } from '@issuer/nest';
import { allMigrations } from './migrations.js';

/** `npm run migrate`: applies every service's committed migrations to DATABASE_URL (a Kubernetes Job later). */
const config = loadPlatformConfig();
if (!config.databaseUrl) throw new Error('DATABASE_URL is required');
const database = await openDatabase({ kind: 'postgres', url: config.databaseUrl });
await migrate(database, allMigrations);
await database.close();
process.stdout.write(`migrations applied: ${allMigrations.map((m) => m.schema).join(', ')}\n`);
