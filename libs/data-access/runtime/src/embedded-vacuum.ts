/** Runs one maintenance statement while no other statement or transaction is running. */
export type RunExclusive = (sql: string) => Promise<void>;

export interface EmbeddedVacuumOptions {
  /** The shortest time between two rounds. */
  minIntervalMs?: number;
  /** Rounds are spaced so that they take at most this share of the time. */
  maxShareOfTime?: number;
  /** A round that failed (the next one is still scheduled). */
  onError?: (error: unknown) => void;
}

export interface EmbeddedVacuum {
  /** Completed rounds. */
  readonly rounds: number;
  /** Waits for a running round, then runs no more. */
  stop(): Promise<void>;
}

/** A table and what happened to it since it was last vacuumed and analyzed (pg_stat_user_tables). */
export interface TableActivity {
  /** Quoted for SQL. */
  name: string;
  liveRows: number;
  deadRows: number;
  insertedSinceVacuum: number;
  modifiedSinceAnalyze: number;
}

const tableActivity = `SELECT format('%I.%I', "schemaname", "relname") AS "name",
    "n_live_tup"::float8 AS "liveRows", "n_dead_tup"::float8 AS "deadRows",
    "n_ins_since_vacuum"::float8 AS "insertedSinceVacuum", "n_mod_since_analyze"::float8 AS "modifiedSinceAnalyze"
  FROM pg_stat_user_tables ORDER BY 1`;

/**
 * The statement a table needs, if any, by PostgreSQL's own autovacuum rules and defaults: VACUUM
 * once dead rows pass 50 + 20 % of the live ones, or inserted rows 1,000 + 20 % (PostgreSQL 13+);
 * ANALYZE once changed rows pass 50 + 100 % of the live ones. Autovacuum analyzes at 10 %, in a
 * worker of its own; here ANALYZE holds every request back for its length (300 ms for a timeline
 * of 160,000 entries), so a table that only grows is analyzed each time it doubles, while small
 * tables whose rows change often still are at nearly every round.
 */
export function maintenanceFor(table: TableActivity): string | null {
  const vacuum = table.deadRows > 50 + 0.2 * table.liveRows || table.insertedSinceVacuum > 1000 + 0.2 * table.liveRows;
  const analyze = table.modifiedSinceAnalyze > 50 + table.liveRows;
  if (vacuum) return analyze ? `VACUUM (ANALYZE) ${table.name}` : `VACUUM ${table.name}`;
  return analyze ? `ANALYZE ${table.name}` : null;
}

/**
 * PGlite runs PostgreSQL in single-user mode, where autovacuum never runs: the row versions that
 * updates and deletes leave behind stay in tables and indexes, and every later statement that meets
 * them pays for it (measured at 4,000 issuances: a batch of status moves 5.7 ms, 2.3 ms after
 * vacuuming). This does autovacuum's work from the process: each table that needs it
 * (`maintenanceFor`) is vacuumed or analyzed on its own, so that no statement waits for more than
 * one table, in rounds spaced by their own cost.
 */
export function startEmbeddedVacuum(
  readActivity: () => Promise<TableActivity[]>,
  runExclusive: RunExclusive,
  { minIntervalMs = 10_000, maxShareOfTime = 0.02, onError = () => undefined }: EmbeddedVacuumOptions = {},
): EmbeddedVacuum {
  let stopped = false;
  let rounds = 0;
  let running: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;

  const round = async () => {
    const started = performance.now();
    try {
      for (const table of await readActivity()) {
        const statement = maintenanceFor(table);
        if (stopped) return;
        if (statement) await runExclusive(statement);
      }
      rounds += 1;
    } catch (error) {
      if (!stopped) onError(error);
    }
    schedule(Math.max(minIntervalMs, (performance.now() - started) / maxShareOfTime));
  };

  const schedule = (delayMs: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = round();
    }, delayMs);
    timer.unref();
  };

  schedule(minIntervalMs);
  return {
    get rounds() {
      return rounds;
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}

/**
 * What happened to every table since its last vacuum and analysis. The backend publishes its counts
 * at most once a second; forcing the next publication first makes them current.
 */
export async function readTableActivity(query: <Row>(sql: string) => Promise<Row[]>): Promise<TableActivity[]> {
  await query('SELECT pg_stat_force_next_flush()');
  return query<TableActivity>(tableActivity);
}
