import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { messages, PGlite } from '@electric-sql/pglite';
import { PipelinedPGlite } from './pipelined-pglite.js';

describe('PipelinedPGlite', () => {
  let pg: PGlite;
  let client: PipelinedPGlite;

  beforeAll(async () => {
    pg = await PGlite.create();
    await pg.exec('CREATE TABLE "item" ("id" text PRIMARY KEY, "data" jsonb, "count" int, "at" timestamptz, "bytes" bytea)');
    client = new PipelinedPGlite(pg, { maxStatements: 2 });
  }, 60_000);
  afterAll(() => pg.close());

  const insert = 'INSERT INTO "item" VALUES ($1, $2, $3, $4, $5) RETURNING *';
  const at = new Date('2026-01-02T03:04:05.678Z');

  it('answers as PGlite does: rows parsed by type, fields, affected rows', async () => {
    const ours = await client.query(insert, ['a', JSON.stringify({ x: [1] }), 3, at, new Uint8Array([1, 2])]);
    const theirs = await pg.query(insert, ['b', JSON.stringify({ x: [1] }), 3, at, new Uint8Array([1, 2])]);
    expect(ours.rows).toEqual([{ id: 'a', data: { x: [1] }, count: 3, at, bytes: new Uint8Array([1, 2]) }]);
    expect({ ...ours, rows: [] }).toEqual({ ...theirs, rows: [] });
    expect((await client.query('UPDATE "item" SET "count" = "count" + 1 WHERE "count" = $1', [3])).affectedRows).toBe(2);
  });

  it('takes the same row mode and parsers options the driver adapter passes', async () => {
    const result = await client.query('SELECT "id", "count" FROM "item" WHERE "id" = $1', ['a'], { rowMode: 'array', parsers: { 23: (value) => `n${value}` } });
    expect(result.rows).toEqual([['a', 'n4']]);
  });

  it('throws PostgreSQL errors as DatabaseError with their code, and stays usable', async () => {
    const duplicate = await client.query(insert, ['a', null, null, null, null]).catch((error: unknown) => error);
    expect(duplicate).toBeInstanceOf(messages.DatabaseError);
    expect((duplicate as messages.DatabaseError).code).toBe('23505');
    const syntax = await client.query('SELEC 1').catch((error: unknown) => error);
    expect((syntax as messages.DatabaseError).code).toBe('42601');
    expect((await client.query('SELECT count(*)::int AS "n" FROM "item"')).rows).toEqual([{ n: 2 }]);
  });

  it('runs transactions on the same statements, rolled back on failure', async () => {
    await expect(
      client.transaction(async (tx) => {
        await tx.query(insert, ['c', null, 1, null, null]);
        await tx.query(insert, ['a', null, 1, null, null]);
      }),
    ).rejects.toBeInstanceOf(messages.DatabaseError);
    await client.transaction(async (tx) => {
      await tx.query(insert, ['d', null, 1, null, null]);
    });
    const ids = await client.query<{ id: string }>('SELECT "id" FROM "item" ORDER BY "id"');
    expect(ids.rows.map(({ id }) => id)).toEqual(['a', 'b', 'd']);
  });

  it('runs statements in one transaction, in order, each with its own rows and affected rows', async () => {
    const results = await client.runInOneTransaction([
      { sql: insert, params: ['p1', null, 10, at, null] },
      { sql: 'UPDATE "item" SET "count" = "count" + 1 WHERE "id" = ANY($1::text[])', params: [['p1', 'a']] },
      { sql: 'SELECT "id", "count", "at" FROM "item" WHERE "id" = $1', params: ['p1'] },
      { sql: 'DELETE FROM "item" WHERE "id" = $1', params: ['nothing'] },
    ]);

    expect(results.map((result) => [result.rows, result.affectedRows])).toEqual([
      [[{ id: 'p1', data: null, count: 10, at, bytes: null }], 1],
      [[], 2],
      [[{ id: 'p1', count: 11, at }], 0],
      [[], 0],
    ]);
    expect(pg.isInTransaction()).toBe(false);
    await client.query('DELETE FROM "item" WHERE "id" = $1', ['p1']);
    await client.query('UPDATE "item" SET "count" = "count" - 1 WHERE "id" = $1', ['a']);
  });

  it('rolls the whole transaction back when one statement fails, throws its error, and stays usable', async () => {
    const failed = await client
      .runInOneTransaction([
        { sql: insert, params: ['p2', null, 1, null, null] },
        { sql: insert, params: ['a', null, 1, null, null] },
        { sql: insert, params: ['p3', null, 1, null, null] },
      ])
      .catch((error: unknown) => error);

    expect(failed).toBeInstanceOf(messages.DatabaseError);
    expect((failed as messages.DatabaseError).code).toBe('23505');
    expect(pg.isInTransaction()).toBe(false);
    expect((await client.query('SELECT count(*)::int AS "n" FROM "item" WHERE "id" IN ($1, $2)', ['p2', 'p3'])).rows).toEqual([{ n: 0 }]);
  });

  it('keeps every statement of one transaction prepared, even beyond maxStatements', async () => {
    const results = await client.runInOneTransaction(
      ['id', 'count', 'data', 'at'].map((column) => ({ sql: `SELECT "${column}" FROM "item" WHERE "id" = $1`, params: ['a'] })),
    );
    expect(results.map((result) => Object.keys(result.rows[0] ?? {}))).toEqual([['id'], ['count'], ['data'], ['at']]);
  });

  it('keeps at most maxStatements prepared, evicting the least recently used', async () => {
    for (const id of ['a', 'b', 'd']) {
      await client.query('SELECT "id" FROM "item" WHERE "id" = $1', [id]);
      await client.query('SELECT "count" FROM "item" WHERE "id" = $1', [id]);
      await client.query('SELECT "data" FROM "item" WHERE "id" = $1', [id]);
    }
    const prepared = await pg.query<{ name: string }>("SELECT name FROM pg_prepared_statements WHERE name LIKE 'pipelined_%'");
    expect(prepared.rows.length).toBeLessThanOrEqual(2);
    expect((await client.query('SELECT "count" FROM "item" WHERE "id" = $1', ['d'])).rows).toEqual([{ count: 1 }]);
  });
});
