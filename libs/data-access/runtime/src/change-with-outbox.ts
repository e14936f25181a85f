import type { OutgoingEvent } from './outgoing-event.js';
import { assertSchemaName } from './schema-name.js';

/** What every generated Prisma client (and its transaction client) offers for raw SQL. */
export interface RawSqlClient {
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): PromiseLike<T>;
}

export interface Change {
  /** One INSERT or UPDATE ending in `RETURNING 1`, with parameters `$1`..`$n`. */
  sql: string;
  params: unknown[];
  /**
   * Writes that go with the change, as named common table expressions (`"name" AS (INSERT ...)`)
   * on the same parameters: they commit or fail with it.
   */
  with?: string;
}

export interface ChangeWithOutboxOptions {
  /** Write the events only when the change returned a row (default), or always. */
  events?: 'when-changed' | 'always';
}

/**
 * Applies `change` and writes `events` to `schema`'s outbox in one statement. PostgreSQL runs a
 * statement atomically, so this is the transactional outbox (ARCHITECTURE.md principle 7) in one
 * round trip instead of BEGIN, change, insert, COMMIT. Returns how many rows the change returned;
 * a constraint the change violates rejects the whole statement, events included.
 */
export async function changeWithOutbox(
  client: RawSqlClient,
  schema: string,
  change: Change,
  events: readonly OutgoingEvent[],
  { events: when = 'when-changed' }: ChangeWithOutboxOptions = {},
): Promise<number> {
  assertSchemaName(schema);
  const eventsParam = `$${change.params.length + 1}`;
  const sql = `WITH ${change.with ? `${change.with},\n  ` : ''}"change" AS (${change.sql}),
  "outbox" AS (
    INSERT INTO "${schema}"."OutboxEvent" ("id", "subject", "envelope")
    SELECT "e"."id", "e"."subject", "e"."envelope"
    FROM jsonb_to_recordset(${eventsParam}::jsonb) AS "e"("id" text, "subject" text, "envelope" jsonb)
    ${when === 'when-changed' ? 'WHERE EXISTS (SELECT 1 FROM "change")' : ''}
  )
  SELECT count(*)::int AS "count" FROM "change"`;
  const rows = events.map(({ subject, envelope }) => ({ id: envelope.id, subject, envelope }));
  const [result] = await client.$queryRawUnsafe<Array<{ count: number }>>(sql, ...change.params, JSON.stringify(rows));
  return result?.count ?? 0;
}

/**
 * True when `error` is PostgreSQL's unique_violation (23505) from a raw query: the driver's error,
 * the driver adapter's error as it is, or wrapped by Prisma (P2010) in `meta.driverAdapterError`.
 */
export function isUniqueViolation(error: unknown): boolean {
  // Straight from the driver (directRawSql): PGlite's and pg's DatabaseError carry the SQLSTATE.
  if ((error as { code?: unknown } | undefined)?.code === '23505') return true;
  const adapterError = (error as { meta?: { driverAdapterError?: unknown } } | undefined)?.meta?.driverAdapterError ?? error;
  return (adapterError as { cause?: { kind?: unknown } } | undefined)?.cause?.kind === 'UniqueConstraintViolation';
}
