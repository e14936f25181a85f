import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PGlite } from '@electric-sql/pglite';
import { maintenanceFor, readTableActivity, startEmbeddedVacuum, type TableActivity } from './embedded-vacuum.js';

describe('vacuum of the embedded database', () => {
  let pglite: PGlite;
  const tables = () => readTableActivity(async <Row>(sql: string) => (await pglite.query<Row>(sql)).rows);
  const waitFor = async (done: () => boolean) => {
    while (!done()) await new Promise((resolve) => setTimeout(resolve, 10));
  };

  beforeAll(async () => {
    pglite = await PGlite.create();
    await pglite.exec(`CREATE SCHEMA "offer"; CREATE TABLE "offer"."Issuance" ("id" int PRIMARY KEY, "status" text);
      CREATE SCHEMA "Odd ""Name"""; CREATE TABLE "Odd ""Name""".t ("id" int)`);
  }, 60_000);

  afterAll(() => pglite.close());

  it('reads the current activity of the tables of every schema but PostgreSQL\'s own, quoted', async () => {
    await pglite.query(`INSERT INTO "Odd ""Name""".t SELECT g FROM generate_series(1, 30) g`);
    await pglite.query(`DELETE FROM "Odd ""Name""".t WHERE "id" <= 10`);
    expect(await tables()).toEqual([
      { name: '"Odd ""Name""".t', liveRows: 20, deadRows: 10, insertedSinceVacuum: 30, modifiedSinceAnalyze: 40 },
      { name: 'offer."Issuance"', liveRows: 0, deadRows: 0, insertedSinceVacuum: 0, modifiedSinceAnalyze: 0 },
    ]);
  });

  it('vacuums and analyzes the tables that need it in rounds, and keeps the space of updated rows for later updates', async () => {
    await pglite.query(`INSERT INTO "offer"."Issuance" SELECT g, 'offer_sent' FROM generate_series(1, 2000) g`);
    const size = async () => (await pglite.query<{ size: number }>(`SELECT pg_relation_size('"offer"."Issuance"')::int AS "size"`)).rows[0]?.size ?? 0;
    const update = (status: string) => pglite.query(`UPDATE "offer"."Issuance" SET "status" = $1`, [status]);
    const beforeUpdates = await size();
    await update('offer_received');
    const afterFirstUpdate = await size();
    const vacuum = startEmbeddedVacuum(tables, async (sql) => void (await pglite.exec(sql)), { minIntervalMs: 20 });
    await waitFor(() => vacuum.rounds >= 1);
    await update('token_issued');
    await vacuum.stop();

    const { rows } = await pglite.query<{ vacuumed: boolean; analyzed: boolean }>(
      `SELECT "last_vacuum" IS NOT NULL AS "vacuumed", "last_analyze" IS NOT NULL AS "analyzed" FROM pg_stat_user_tables WHERE "relname" = 'Issuance'`,
    );
    expect(rows).toEqual([{ vacuumed: true, analyzed: true }]);
    // The first update needed new pages for all 2,000 rows; the second mostly reuses what the vacuum freed.
    expect((await size()) - afterFirstUpdate).toBeLessThan((afterFirstUpdate - beforeUpdates) / 2);
  });

  it('waits for an open transaction, never vacuuming inside it', async () => {
    const errors: unknown[] = [];
    let releaseTransaction = () => undefined as void;
    const transaction = pglite.transaction(async (tx) => {
      await tx.query(`UPDATE "offer"."Issuance" SET "status" = 'credential_issued' WHERE "id" = 1`);
      await new Promise<void>((resolve) => (releaseTransaction = resolve));
    });
    const vacuum = startEmbeddedVacuum(tables, async (sql) => void (await pglite.exec(sql)), { minIntervalMs: 20, onError: (error) => errors.push(error) });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(vacuum.rounds).toBe(0);
    releaseTransaction();
    await transaction;
    await waitFor(() => vacuum.rounds >= 1);
    await vacuum.stop();
    expect(errors).toEqual([]);
  });

  it('runs no more rounds once stopped, and reports a failed round without stopping', async () => {
    const errors: unknown[] = [];
    let calls = 0;
    const vacuum = startEmbeddedVacuum(
      async () => [{ name: 'missing."Table"', liveRows: 0, deadRows: 100, insertedSinceVacuum: 0, modifiedSinceAnalyze: 0 }],
      async (sql) => {
        calls += 1;
        await pglite.exec(sql);
      },
      { minIntervalMs: 10, onError: (error) => errors.push(error) },
    );
    await waitFor(() => errors.length >= 2);
    await vacuum.stop();
    const callsWhenStopped = calls;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(calls).toBe(callsWhenStopped);
    expect(vacuum.rounds).toBe(0);
    expect(String(errors[0])).toMatch(/does not exist/);
  });
});

describe("maintenanceFor (PostgreSQL autovacuum's rules)", () => {
  const table = (activity: Partial<TableActivity>): TableActivity => ({ name: 't', liveRows: 1000, deadRows: 0, insertedSinceVacuum: 0, modifiedSinceAnalyze: 0, ...activity });

  it('leaves a quiet table alone', () => {
    expect(maintenanceFor(table({ deadRows: 250, insertedSinceVacuum: 1200, modifiedSinceAnalyze: 1050 }))).toBeNull();
  });

  it('vacuums once dead rows pass 50 + 20 % of the live ones', () => {
    expect(maintenanceFor(table({ deadRows: 251 }))).toBe('VACUUM t');
  });

  it('vacuums a table that only grows once inserts pass 1,000 + 20 % of its rows', () => {
    expect(maintenanceFor(table({ insertedSinceVacuum: 1201, modifiedSinceAnalyze: 1201 }))).toBe('VACUUM (ANALYZE) t');
    expect(maintenanceFor(table({ insertedSinceVacuum: 1201, modifiedSinceAnalyze: 1050 }))).toBe('VACUUM t');
  });

  it('analyzes once changed rows pass 50 + the live ones, with the vacuum when both are due', () => {
    expect(maintenanceFor(table({ modifiedSinceAnalyze: 1051 }))).toBe('ANALYZE t');
    expect(maintenanceFor(table({ deadRows: 600, modifiedSinceAnalyze: 1600 }))).toBe('VACUUM (ANALYZE) t');
    expect(maintenanceFor(table({ liveRows: 0, modifiedSinceAnalyze: 51 }))).toBe('ANALYZE t');
  });
});
