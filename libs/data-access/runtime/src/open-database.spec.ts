import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { createThrowawayDatabase, postgresTestServerUrl, type ThrowawayDatabase } from './create-throwaway-database.js';
import type { Database } from './database.js';
import { openDatabase } from './open-database.js';

const countRows = async (db: Database) => {
  const [row] = await db.transaction((sql) => sql.query<{ count: number }>('SELECT count(*)::int AS count FROM "scratch"."Row"'));
  return row?.count;
};

const createTable = (db: Database) =>
  db.transaction((sql) => sql.exec('CREATE SCHEMA IF NOT EXISTS "scratch"; CREATE TABLE IF NOT EXISTS "scratch"."Row" ("id" INT PRIMARY KEY);'));

const rollsBack = async (db: Database) => {
  await expect(
    db.transaction(async (sql) => {
      await sql.query('INSERT INTO "scratch"."Row" ("id") VALUES ($1)', [100]);
      throw new Error('abort');
    }),
  ).rejects.toThrow('abort');
};

describe('openDatabase with PGlite', () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'pglite-'));
  });

  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('keeps the data of a data directory across restarts', async () => {
    const first = await openDatabase({ kind: 'pglite', dataDir: join(dataDir, 'db') });
    await createTable(first);
    await first.transaction((sql) => sql.query('INSERT INTO "scratch"."Row" ("id") VALUES ($1), ($2)', [1, 2]));
    await first.close();

    const second = await openDatabase({ kind: 'pglite', dataDir: join(dataDir, 'db') });
    try {
      expect(second.kind).toBe('pglite');
      await expect(second.ping()).resolves.toBeUndefined();
      expect(await countRows(second)).toBe(2);
      await rollsBack(second);
      expect(await countRows(second)).toBe(2);
    } finally {
      await second.close();
    }
  }, 60_000);

  it('initialises a new data directory in a child process and runs with small shared buffers', async () => {
    const dir = join(dataDir, 'fresh');
    const db = await openDatabase({ kind: 'pglite', dataDir: dir });
    try {
      expect(existsSync(join(dir, 'PG_VERSION'))).toBe(true);
      const [setting] = await db.transaction((sql) => sql.query<{ shared_buffers: string }>('SHOW shared_buffers'));
      expect(setting?.shared_buffers).toBe('16MB');
    } finally {
      await db.close();
    }
  }, 60_000);
});

const serverUrl = postgresTestServerUrl();
describe('openDatabase with PostgreSQL', () => {
  let throwaway: ThrowawayDatabase;
  let db: Database;

  beforeAll(async () => {
    throwaway = await createThrowawayDatabase(serverUrl);
    db = await openDatabase({ kind: 'postgres', url: throwaway.url, poolMax: 2 });
    await createTable(db);
  }, 30_000);

  afterAll(async () => {
    await db?.close();
    await throwaway?.drop();
  });

  it('answers a ping while the server is up, and rejects once closed', async () => {
    const other = await openDatabase({ kind: 'postgres', url: throwaway.url, poolMax: 1 });
    await expect(other.ping()).resolves.toBeUndefined();
    await other.close();
    await expect(other.ping()).rejects.toThrow();
  });

  it('commits a transaction that succeeds and rolls back one that throws', async () => {
    expect(db.kind).toBe('postgres');
    await db.transaction((sql) => sql.query('INSERT INTO "scratch"."Row" ("id") VALUES ($1)', [1]));
    await rollsBack(db);
    expect(await countRows(db)).toBe(1);
  });

  it('fails a transaction whose connection is lost, and goes on with a new connection', async () => {
    // An 'error' event nobody listens to would end a service.
    const emit = pg.Client.prototype.emit;
    let unheard = 0;
    pg.Client.prototype.emit = function (this: pg.Client, event: string | symbol, ...args: unknown[]) {
      if (event === 'error' && this.listenerCount('error') === 0) unheard++;
      return emit.call(this, event, ...args);
    };
    const lost = db.transaction(async (sql) => {
      const [backend] = await sql.query<{ pid: number }>('SELECT pg_backend_pid() AS "pid"');
      await db.query('SELECT pg_terminate_backend($1)', [backend?.pid]);
      // The server closes the connection: the client emits 'error' and the next query fails.
      await new Promise((resolve) => setTimeout(resolve, 200));
      return sql.execute('INSERT INTO "scratch"."Row" ("id") VALUES ($1)', [2]);
    });
    await expect(lost).rejects.toThrow();
    pg.Client.prototype.emit = emit;
    expect(unheard).toBe(0);
    expect(await db.transaction((sql) => sql.execute('INSERT INTO "scratch"."Row" ("id") VALUES ($1)', [3]))).toBe(1);
  });

  it('reads timestamps in UTC, as the Prisma adapters expect', async () => {
    const [row] = await db.transaction((sql) => sql.query<{ zone: string }>('SELECT current_setting($1) AS zone', ['TimeZone']));
    expect(row?.zone).toBe('UTC');
  });
});
