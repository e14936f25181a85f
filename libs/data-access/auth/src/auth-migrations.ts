import { fileURLToPath } from 'node:url';
import type { ServiceMigrations } from '@issuer/data-access-runtime';

export const authMigrations: ServiceMigrations = {
  schema: 'auth',
  dir: fileURLToPath(new URL('../prisma/migrations', import.meta.url)),
};
