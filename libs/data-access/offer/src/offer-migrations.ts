import { fileURLToPath } from 'node:url';
import type { ServiceMigrations } from '@issuer/data-access-runtime';

export const offerMigrations: ServiceMigrations = {
  schema: 'offer',
  dir: fileURLToPath(new URL('../prisma/migrations', import.meta.url)),
};
