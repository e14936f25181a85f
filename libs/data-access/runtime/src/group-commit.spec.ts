import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Database } from './database.js';
import { openDatabase } from './open-database.js';

describe('group commit on the embedded database', () => {
  let db: Database;

  beforeAll(async () => {
    db = await openDatabase({ kind: 'pglite', dataDir: null });
    await db.transaction((sql) => sql.exec(`CREATE SCHEMA "scratch"; CREATE TABLE "scratch"."Row" ("id" TEXT PRIMARY KEY, "n" INT NOT NULL);`));
  }, 60_000);

  afterAll(async () => {
    await db?.close();
  });

  const insert = (id: string, n: number) => db.query(`INSERT INTO "scratch"."Row" ("id", "n") VALUES ($1, $2) RETURNING "n"`, [id, n]);
  const count = async (prefix: string) => (await db.query<{ count: number }>(`SELECT count(*)::int AS "count" FROM "scratch"."Row" WHERE "id" LIKE $1`, [`${prefix}%`])).rows[0]?.count;

  it('runs the statements of one turn in their order, each seeing the ones before', async () => {
    const results = await Promise.all([
      insert('order-1', 1),
      db.query(`UPDATE "scratch"."Row" SET "n" = "n" + 10 WHERE "id" = 'order-1' RETURNING "n"`),
      db.query<{ n: number }>(`SELECT "n" FROM "scratch"."Row" WHERE "id" = 'order-1'`),
    ]);
    expect(results.map((result) => result.rows)).toEqual([[{ n: 1 }], [{ n: 11 }], [{ n: 11 }]]);
    expect(results.map((result) => result.affectedRows)).toEqual([1, 1, 0]);
  });

  it('fails only the statement that fails on its own, and keeps the others of its turn', async () => {
    await insert('taken', 0);
    const outcomes = await Promise.allSettled([insert('kept-1', 1), insert('taken', 2), insert('kept-2', 3)]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((outcomes[1] as PromiseRejectedResult).reason).toMatchObject({ code: '23505' });
    expect(await count('kept-')).toBe(2);
    expect((await db.query<{ n: number }>(`SELECT "n" FROM "scratch"."Row" WHERE "id" = 'taken'`)).rows).toEqual([{ n: 0 }]);
  });

  it('answers a lone statement on its own', async () => {
    expect((await insert('alone', 7)).rows).toEqual([{ n: 7 }]);
  });
});
