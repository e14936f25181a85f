import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { messages, parse, PGlite, protocol } from '@electric-sql/pglite';
import { parseBackendMessages } from './parse-backend-messages.js';

const { serialize } = protocol;

/** Parse, Bind, Describe portal, Execute and Sync of one statement, as the pipelined client sends them. */
function extendedQuery(text: string, values: Array<string | null> = []): Uint8Array {
  return Buffer.concat([serialize.parse({ text }), serialize.bind({ values }), serialize.describe({ type: 'P' }), serialize.execute({}), serialize.sync()]);
}

describe('parseBackendMessages', () => {
  let pg: PGlite;

  /** The raw answer, and what PGlite's own parser makes of the same bytes. */
  async function both(message: Uint8Array) {
    const { messages: parsed, data } = await pg.execProtocol(message, { throwOnError: false });
    return { raw: Buffer.from(data), theirs: parse.parseResults(parsed, pg.parsers), theirError: parsed.find((m) => m.name === 'error') };
  }

  beforeAll(async () => {
    pg = await PGlite.create();
    await pg.exec(`CREATE TABLE "item" ("id" text PRIMARY KEY, "data" jsonb, "count" int, "at" timestamptz, "bytes" bytea, "tags" text[], "big" bigint, "flag" boolean)`);
  }, 60_000);
  afterAll(() => pg.close());

  it.each([
    ['rows of many types, multi-byte text included', `INSERT INTO "item" VALUES ('Zoë 🪪', '{"a":[1,"ü"]}', 3, '2026-01-02T03:04:05.678Z', '\\x0102', '{x,"y z"}', 9007199254740993, true), ('b', NULL, NULL, NULL, NULL, NULL, NULL, NULL) RETURNING *`],
    ['an update counting its rows', `UPDATE "item" SET "count" = 7 WHERE "id" IS NOT NULL`],
    ['a select', `SELECT * FROM "item" ORDER BY "id"`],
    ['a statement without rows or count', `SET search_path = public`],
  ])('reads what PGlite reads: %s', async (_, text) => {
    const { raw, theirs } = await both(extendedQuery(text));
    expect(parseBackendMessages(raw, pg.parsers)).toEqual({ results: theirs });
  });

  it('reads rows as arrays when asked', async () => {
    const { raw } = await both(extendedQuery(`SELECT "id", "count" FROM "item" WHERE "id" = $1`, ['b']));
    expect(parseBackendMessages(raw, pg.parsers, 'array').results[0]?.rows).toEqual([['b', 7]]);
  });

  it('gives each of several statements its own affected rows', async () => {
    const message = Buffer.concat([
      serialize.parse({ text: `UPDATE "item" SET "count" = 1` }), serialize.bind({}), serialize.describe({ type: 'P' }), serialize.execute({}),
      serialize.parse({ text: `DELETE FROM "item" WHERE "id" = 'nothing'` }), serialize.bind({}), serialize.describe({ type: 'P' }), serialize.execute({}),
      serialize.sync(),
    ]);
    const { raw } = await both(message);
    expect(parseBackendMessages(raw, pg.parsers).results.map((result) => [result.affectedRows, (result as { command?: string }).command])).toEqual([
      [2, 'UPDATE'],
      [0, 'DELETE'],
    ]);
  });

  it('reads an error as PGlite does, with every field', async () => {
    const { raw, theirError } = await both(extendedQuery(`INSERT INTO "item" ("id") VALUES ('b')`));
    const { error } = parseBackendMessages(raw, pg.parsers);

    expect(error).toBeInstanceOf(messages.DatabaseError);
    expect({ ...error, message: error?.message }).toEqual({ ...theirError, message: (theirError as unknown as Error).message });
    expect(error?.code).toBe('23505');
    expect(error?.constraint).toBe('item_pkey');
  });
});
