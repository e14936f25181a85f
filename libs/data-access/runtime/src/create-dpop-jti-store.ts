import { coalesceCalls } from './coalesce-calls.js';
import type { RawSqlMethods } from './direct-raw-sql.js';
import { assertSchemaName } from './schema-name.js';

export interface DpopJtiStore {
  /** RFC 9449 Section 11.1: true the first time a key uses `jti`, false on a replay. */
  consume(jkt: string, jti: string, expiresAt: Date): Promise<boolean>;
  /** Waits for a purge still running. */
  settle(): Promise<void>;
}

interface JtiUse {
  jkt: string;
  jti: string;
  expiresAt: Date;
}

/**
 * The `DpopJti` table of `schema`, on raw SQL: three of a flow's statements (token, credential,
 * notification). Uses that arrive together are inserted by one statement (`coalesceCalls`).
 */
export function createDpopJtiStore(client: Pick<RawSqlMethods, '$queryRawUnsafe' | '$executeRawUnsafe'>, schema: string, { purgeEveryMs = 60_000 } = {}): DpopJtiStore {
  assertSchemaName(schema);
  const insert = `INSERT INTO "${schema}"."DpopJti" ("jkt", "jti", "expiresAt")
    SELECT "jkt", "jti", "expiresAt"::timestamptz FROM unnest($1::text[], $2::text[], $3::text[]) AS "u"("jkt", "jti", "expiresAt")
    ON CONFLICT DO NOTHING RETURNING "jkt", "jti"`;
  const purge = `DELETE FROM "${schema}"."DpopJti" WHERE "expiresAt" < $1`;
  let lastPurge = Date.now();
  let purging: Promise<void> = Promise.resolve();

  const consumeAll = coalesceCalls(async (uses: JtiUse[]): Promise<boolean[]> => {
    const rows = await client.$queryRawUnsafe<Array<{ jkt: string; jti: string }>>(
      insert,
      uses.map((use) => use.jkt),
      uses.map((use) => use.jti),
      uses.map((use) => use.expiresAt.toISOString()),
    );
    // A pair twice in one batch is inserted once: its first use gets it, the others are replays.
    const inserted = new Set(rows.map((row) => keyOf(row)));
    return uses.map((use) => inserted.delete(keyOf(use)));
  });

  return {
    async consume(jkt, jti, expiresAt) {
      const first = await consumeAll({ jkt, jti, expiresAt });
      const now = Date.now();
      if (now - lastPurge >= purgeEveryMs) {
        lastPurge = now;
        // Off the request path; a failed purge is retried at the next interval.
        purging = Promise.resolve(client.$executeRawUnsafe(purge, new Date(now))).then(
          () => undefined,
          () => undefined,
        );
      }
      return first;
    },
    settle: () => purging,
  };
}

function keyOf({ jkt, jti }: { jkt: string; jti: string }): string {
  return JSON.stringify([jkt, jti]);
}
