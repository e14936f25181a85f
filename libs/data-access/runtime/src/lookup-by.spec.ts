import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Database } from './database.js';
import { directRawSql, type RawSqlMethods } from './direct-raw-sql.js';
import { lookupBy } from './lookup-by.js';
import { openDatabase } from './open-database.js';

interface Row extends Record<string, unknown> {
  id: number;
  key: string;
  at: number;
}

/** Counts the statements a client runs, to see lookups share one. */
function countingClient(db: Database): { client: RawSqlMethods; statements: string[] } {
  const statements: string[] = [];
  const root: RawSqlMethods = {
    $queryRawUnsafe: async <T>(query: string, ...values: unknown[]) => (await db.query(query, values)).rows as T,
    $executeRawUnsafe: async (query: string, ...values: unknown[]) => (await db.query(query, values)).affectedRows,
  };
  const counted = { ...root, $queryRawUnsafe: <T>(query: string, ...values: unknown[]) => (statements.push(query), root.$queryRawUnsafe<T>(query, ...values)) };
  return { client: directRawSql(counted, { query: (sql, params) => (statements.push(sql), db.query(sql, params)) }), statements };
}

describe('lookupBy', () => {
  let db: Database;

  beforeAll(async () => {
    db = await openDatabase({ kind: 'pglite', dataDir: null });
    await db.transaction((sql) =>
      sql.exec(`CREATE SCHEMA "scratch";
        CREATE TABLE "scratch"."Row" ("id" INT PRIMARY KEY, "key" TEXT NOT NULL, "at" INT NOT NULL, "code" TEXT UNIQUE);
        INSERT INTO "scratch"."Row" VALUES (1, 'a', 30, 'r1'), (2, 'b', 10, 'r2'), (3, 'b', 5, 'r3'), (4, 'c', 1, 'r4');`),
    );
  }, 60_000);

  afterAll(async () => {
    await db?.close();
  });

  it('answers the lookups of one turn on a root client with one statement, each with its own row', async () => {
    const { client, statements } = countingClient(db);
    const byKey = lookupBy<Row>(client, { table: '"scratch"."Row"', column: 'key', firstBy: 'at' });
    const rows = await Promise.all(['a', 'b', 'missing', 'b', 'c'].map((key) => byKey(key)));
    expect(rows.map((row) => row?.id ?? null)).toEqual([1, 3, null, 3, 4]);
    expect(statements).toHaveLength(1);
  });

  it('answers a unique column without an order', async () => {
    const { client } = countingClient(db);
    const byCode = lookupBy<Row>(client, { table: '"scratch"."Row"', column: 'code' });
    expect(await Promise.all([byCode('r2'), byCode('r9')])).toEqual([expect.objectContaining({ id: 2, key: 'b' }), null]);
  });

  it('runs each lookup on its own inside a transaction, on its connection', async () => {
    const found = await db.transaction(async (sql) => {
      const tx: Pick<RawSqlMethods, '$queryRawUnsafe'> = { $queryRawUnsafe: async <T>(query: string, ...values: unknown[]) => (await sql.query(query, values)) as T };
      await sql.execute(`INSERT INTO "scratch"."Row" VALUES (5, 'uncommitted', 0, NULL)`);
      const byKey = lookupBy<Row>(tx, { table: '"scratch"."Row"', column: 'key', firstBy: 'at' });
      return Promise.all([byKey('uncommitted'), byKey('b')]);
    });
    expect(found.map((row) => row?.id)).toEqual([5, 3]);
  });
});
