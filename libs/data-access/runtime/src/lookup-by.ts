import { coalesceCalls } from './coalesce-calls.js';
import { isDirectRawSql, type RawSqlMethods } from './direct-raw-sql.js';

export interface LookupSpec {
  /** Quoted and schema-qualified, as written in SQL: `"auth"."PreAuthorizedCode"`. */
  table: string;
  /** The text column looked up. */
  column: string;
  /** When several rows match a key, the first by this column is returned. */
  firstBy?: string;
}

/**
 * The row of `table` whose `column` equals a key, or null. On a root client (`directRawSql`) the
 * lookups of one turn of the event loop are answered by one statement (`coalesceCalls`); inside a
 * transaction each runs on its own, on the transaction's connection.
 */
export function lookupBy<Row extends Record<string, unknown>>(client: Pick<RawSqlMethods, '$queryRawUnsafe'>, { table, column, firstBy }: LookupSpec): (key: string) => Promise<Row | null> {
  const single = firstBy
    ? `SELECT * FROM ${table} WHERE "${column}" = $1 ORDER BY "${firstBy}" LIMIT 1`
    : `SELECT * FROM ${table} WHERE "${column}" = $1`;
  if (!isDirectRawSql(client)) return async (key) => (await client.$queryRawUnsafe<Row[]>(single, key))[0] ?? null;

  const many = firstBy
    ? `SELECT DISTINCT ON ("${column}") * FROM ${table} WHERE "${column}" = ANY($1::text[]) ORDER BY "${column}", "${firstBy}"`
    : `SELECT * FROM ${table} WHERE "${column}" = ANY($1::text[])`;
  return coalesceCalls(async (keys: string[]) => {
    const rows = await client.$queryRawUnsafe<Row[]>(many, [...new Set(keys)]);
    const byKey = new Map(rows.map((row) => [row[column], row]));
    return keys.map((key) => byKey.get(key) ?? null);
  });
}
