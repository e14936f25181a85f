import type { RawSqlMethods } from './direct-raw-sql.js';
import { assertSchemaName } from './schema-name.js';

/** What every service schema's `ProcessedEvent` model offers through its Prisma client. */
export interface ProcessedEventDelegate {
  createMany(args: { data: { consumer: string; eventId: string }[]; skipDuplicates: true }): PromiseLike<{ count: number }>;
}

/**
 * Records that `consumer` handled `eventId`; false when it already had. Run it first in the
 * transaction of the handler's writes: a concurrent redelivery waits on the row, then skips.
 */
export async function claimEvent(processedEvent: ProcessedEventDelegate, consumer: string, eventId: string): Promise<boolean> {
  const { count } = await processedEvent.createMany({ data: [{ consumer, eventId }], skipDuplicates: true });
  return count === 1;
}

/**
 * As `claimEvent` for many events, with raw SQL on any client (a transaction on the driver):
 * records those `consumer` had not handled and returns their ids. Rows are locked in id order, so
 * concurrent batches of the same events cannot deadlock.
 */
export async function claimEvents(client: Pick<RawSqlMethods, '$queryRawUnsafe'>, schema: string, consumer: string, eventIds: readonly string[]): Promise<Set<string>> {
  assertSchemaName(schema);
  if (eventIds.length === 0) return new Set();
  const rows = await client.$queryRawUnsafe<Array<{ eventId: string }>>(
    `INSERT INTO "${schema}"."ProcessedEvent" ("consumer", "eventId")
     SELECT $1, "e" FROM jsonb_array_elements_text($2::jsonb) AS "e" ORDER BY "e"
     ON CONFLICT DO NOTHING RETURNING "eventId"`,
    consumer,
    JSON.stringify([...new Set(eventIds)]),
  );
  return new Set(rows.map(({ eventId }) => eventId));
}
