import { fileURLToPath } from 'node:url';
import type { ServiceMigrations } from '@issuer/data-access-runtime';

export const credentialMigrations: ServiceMigrations = {
  schema: 'credential',
  dir: fileURLToPath(new URL('../prisma/migrations', import.meta.url)),
};
