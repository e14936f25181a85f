import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import type { Database } from './database.js';
import { pgliteOptions } from './pglite-options.js';
import { PipelinedPGlite } from './pipelined-pglite.js';
import { readTableActivity, startEmbeddedVacuum } from './embedded-vacuum.js';
import { groupCommit, type StatementResult } from './group-commit.js';

/** One embedded PGlite instance for all services: PGlite serves a single connection at a time. */
export async function openPgliteDatabase(dataDir: string | null, onMaintenanceError?: (error: unknown) => void): Promise<Database> {
  const options = pgliteOptions(dataDir);
  if (dataDir !== null) await initDataDirInChildProcess(dataDir, options.startParams ?? []);
  const pglite = await PGlite.create(options);
  // PGlite in Node keeps its data directory in memory or on Node's file system.
  const client = new PipelinedPGlite(pglite, { writesThrough: true });
  // The adapter uses only query, exec and transaction, which the pipelined client provides.
  const adapter = new PrismaPGlite(client as unknown as PGlite);
  // PGlite's exec waits for any open transaction, so VACUUM never runs inside one.
  const vacuum = startEmbeddedVacuum(
    () => readTableActivity(async <Row>(sql: string) => (await client.query<Row>(sql)).rows),
    async (sql) => {
      await pglite.exec(sql);
    },
    { ...(onMaintenanceError && { onError: onMaintenanceError }) },
  );
  const query = groupCommit({
    run: async ({ sql, params }) => resultOf(await client.query(sql, params)),
    runInTransaction: async (statements) => (await client.runInOneTransaction(statements)).map(resultOf),
  });
  return {
    kind: 'pglite',
    adapter: () => adapter,
    query: <Row>(sql: string, params: unknown[] = []) => query<Row>({ sql, params }),
    transaction: (fn) =>
      client.transaction((tx) =>
        fn({
          query: async <Row>(sql: string, params?: unknown[]) => (await tx.query<Row>(sql, params)).rows,
          execute: async (sql: string, params?: unknown[]) => (await tx.query(sql, params)).affectedRows ?? 0,
          exec: async (script: string) => {
            await tx.exec(script);
          },
        }),
      ),
    async ping() {
      await pglite.query('SELECT 1');
    },
    async close() {
      await vacuum.stop();
      await pglite.close();
    },
  };
}

function resultOf<Row>({ rows, affectedRows }: { rows: Row[]; affectedRows?: number }): StatementResult<Row> {
  return { rows, affectedRows: affectedRows ?? 0 };
}

async function initDataDirInChildProcess(dataDir: string, startParams: string[]): Promise<void> {
  if (existsSync(join(dataDir, 'PG_VERSION'))) return;
  const script = new URL(`./init-pglite-data-dir${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url);
  await promisify(execFile)(process.execPath, [fileURLToPath(script), dataDir, JSON.stringify(startParams)]);
}
