import type { Envelope, OutboxRecord, OutboxStore } from '@issuer/contracts-events';
import type { RawSqlMethods } from './direct-raw-sql.js';
import { assertSchemaName } from './schema-name.js';

/**
 * The `OutboxEvent` table of `schema`, on raw SQL: the relay marks every event it publishes, so
 * these run as often as events are written. Ids are matched with `= ANY` of an array, which the
 * planner answers from the primary key whatever the table's size; a subquery over a JSON array
 * was estimated at 100 rows and joined by scanning the table, whose published rows stay.
 */
export function createOutboxStore(client: RawSqlMethods, schema: string): OutboxStore {
  assertSchemaName(schema);
  const pending = `SELECT "id", "subject", "envelope", "createdAt" FROM "${schema}"."OutboxEvent"
    WHERE "publishedAt" IS NULL ORDER BY "createdAt" LIMIT $1`;
  const published = `UPDATE "${schema}"."OutboxEvent" SET "publishedAt" = now()
    WHERE "id" = ANY($1::text[]) AND "publishedAt" IS NULL`;
  return {
    async fetchPending(limit: number): Promise<OutboxRecord[]> {
      const rows = await client.$queryRawUnsafe<Array<{ id: string; subject: string; envelope: unknown; createdAt: Date }>>(pending, limit);
      return rows.map(({ id, subject, envelope, createdAt }) => ({ id, subject, envelope: envelope as Envelope, createdAt }));
    },
    async markPublished(ids: string[]): Promise<void> {
      if (ids.length === 0) return;
      await client.$executeRawUnsafe(published, ids);
    },
  };
}
