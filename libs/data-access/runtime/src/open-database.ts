import type { Database, DatabaseConfig } from './database.js';
import { openPgliteDatabase } from './open-pglite-database.js';
import { openPostgresDatabase } from './open-postgres-database.js';

export function openDatabase(config: DatabaseConfig): Promise<Database> {
  return config.kind === 'pglite' ? openPgliteDatabase(config.dataDir, config.onMaintenanceError) : openPostgresDatabase(config);
}
