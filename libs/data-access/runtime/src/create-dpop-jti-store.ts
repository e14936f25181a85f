import type { RawSqlMethods } from './direct-raw-sql.js';
import { assertSchemaName } from './schema-name.js';

export interface DpopJtiStore {
  /** RFC 9449 Section 11.1: true the first time a key uses `jti`, false on a replay. */
  consume(jkt: string, jti: string, expiresAt: Date): Promise<boolean>;
  /** Waits for a purge still running. */
  settle(): Promise<void>;
}

/** The `DpopJti` table of `schema`, on raw SQL: three of a flow's statements (token, credential, notification). */
export function createDpopJtiStore(client: Pick<RawSqlMethods, '$executeRawUnsafe'>, schema: string, { purgeEveryMs = 60_000 } = {}): DpopJtiStore {
  assertSchemaName(schema);
  const insert = `INSERT INTO "${schema}"."DpopJti" ("jkt", "jti", "expiresAt") VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`;
  const purge = `DELETE FROM "${schema}"."DpopJti" WHERE "expiresAt" < $1`;
  let lastPurge = Date.now();
  let purging: Promise<void> = Promise.resolve();
  return {
    async consume(jkt, jti, expiresAt) {
      const inserted = await client.$executeRawUnsafe(insert, jkt, jti, expiresAt);
      const now = Date.now();
      if (now - lastPurge >= purgeEveryMs) {
        lastPurge = now;
        // Off the request path; a failed purge is retried at the next interval.
        purging = Promise.resolve(client.$executeRawUnsafe(purge, new Date(now))).then(
          () => undefined,
          () => undefined,
        );
      }
      return inserted === 1;
    },
    settle: () => purging,
  };
}
