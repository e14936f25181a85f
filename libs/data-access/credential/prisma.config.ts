import { defineConfig } from 'prisma/config';

// The CLI keeps `_prisma_migrations` in the URL's schema; this service keeps its own in `credential`.
const url = new URL(process.env['DATABASE_URL'] ?? 'postgresql://postgres@127.0.0.1:5432/postgres');
url.searchParams.set('schema', 'credential');

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: url.href },
});
