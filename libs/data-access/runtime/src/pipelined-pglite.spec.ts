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
