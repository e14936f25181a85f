import { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import type { Database } from './database.js';

/** One embedded PGlite instance for all services: PGlite serves a single connection at a time. */
export async function openPgliteDatabase(dataDir: string | null): Promise<Database> {
  const pglite = await PGlite.create(dataDir === null ? {} : { dataDir });
  const adapter = new PrismaPGlite(pglite);
  return {
    kind: 'pglite',
    adapter: () => adapter,
    transaction: (fn) =>
      pglite.transaction((tx) =>
        fn({
          query: async <Row>(sql: string, params?: unknown[]) => (await tx.query<Row>(sql, params)).rows,
          exec: async (script: string) => {
            await tx.exec(script);
          },
        }),
      ),
    async ping() {
      await pglite.query('SELECT 1');
    },
    close: () => pglite.close(),
  };
}
