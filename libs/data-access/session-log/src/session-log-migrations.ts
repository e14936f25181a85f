import { fileURLToPath } from 'node:url';
import type { ServiceMigrations } from '@issuer/data-access-runtime';

export const sessionLogMigrations: ServiceMigrations = {
  schema: 'session_log',
  dir: fileURLToPath(new URL('../prisma/migrations', import.meta.url)),
};
