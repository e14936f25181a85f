import { fileURLToPath } from 'node:url';
import type { ServiceMigrations } from '@issuer/data-access-runtime';

export const deferredMigrations: ServiceMigrations = {
  schema: 'deferred',
  dir: fileURLToPath(new URL('../prisma/migrations', import.meta.url)),
};
