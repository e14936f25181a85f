import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import type { Database } from './database.js';
import { StatementNames } from './statement-names.js';

export interface PostgresOptions {
  url: string;
  poolMax?: number;
  onPoolError?: (error: Error) => void;
}

export async function openPostgresDatabase({ url, poolMax = 10, onPoolError }: PostgresOptions): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolMax,
    connectionTimeoutMillis: 10_000,
    // Both Prisma adapters read timestamptz text as if it were UTC.
    options: '-c TimeZone=UTC',
  });
  // An idle client that loses its connection (a database restart) emits 'error'; unhandled, it
  // would end the process. The pool discards that client and the next query connects anew.
  pool.on('error', (error) => onPoolError?.(error));
  const adapter = new PrismaPg(pool);
  const names = new StatementNames();
  const statement = (sql: string, params: unknown[] = []) => ({ text: sql, values: params, name: names.nameOf(sql, params.length) });
  return {
    kind: 'postgres',
    adapter: () => adapter,
    async query<Row>(sql: string, params?: unknown[]) {
      const result = await pool.query(statement(sql, params));
      return { rows: result.rows as Row[], affectedRows: result.rowCount ?? 0 };
    },
    async transaction(fn) {
      const client = await pool.connect();
      let broken: Error | undefined;
      // A checked-out client that loses its connection emits 'error' on itself, not on the pool:
      // unhandled, that would end the process. The query in flight fails, and the client is discarded.
      const lost = (error: Error) => {
        broken = error;
      };
      client.on('error', lost);
      try {
        await client.query('BEGIN');
        const result = await fn({
          query: async (sql, params) => (await client.query(statement(sql, params))).rows,
          execute: async (sql, params) => (await client.query(statement(sql, params))).rowCount ?? 0,
          exec: async (script) => {
            await client.query(script);
          },
        });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch((rollbackError: Error) => {
          broken = rollbackError;
        });
        throw error;
      } finally {
        // A connection that is lost or cannot even roll back is discarded rather than returned to the pool.
        client.off('error', lost);
        client.release(broken);
      }
    },
    async ping() {
      await pool.query('SELECT 1');
    },
    close: () => pool.end(),
  };
}
