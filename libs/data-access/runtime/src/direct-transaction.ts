import type { Database } from './database.js';
import type { RawSqlMethods } from './direct-raw-sql.js';

/**
 * Runs `fn` in one transaction straight on the database's driver, with the raw SQL methods the
 * stores call: for writes of several statements that are all raw SQL. A Prisma interactive
 * transaction costs far more CPU than the statements it runs (see `directRawSql`).
 */
export function directTransaction<T>(db: Pick<Database, 'transaction'>, fn: (client: RawSqlMethods) => Promise<T>): Promise<T> {
  return db.transaction((sql) =>
    fn({
      $queryRawUnsafe: async <R>(query: string, ...values: unknown[]) => (await sql.query(query, values)) as R,
      $executeRawUnsafe: (query: string, ...values: unknown[]) => sql.execute(query, values),
    }),
  );
}
