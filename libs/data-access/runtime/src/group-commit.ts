import { coalesceCalls } from './coalesce-calls.js';

export interface Statement {
  sql: string;
  params: unknown[];
}

export interface StatementResult<Row> {
  rows: Row[];
  affectedRows: number;
}

type Settled = { ok: true; result: StatementResult<unknown> } | { ok: false; error: unknown };

export interface GroupCommitClient {
  /** One statement on its own (autocommit). */
  run(statement: Statement): Promise<StatementResult<unknown>>;
  /** Statements in order in one transaction; rejects (and rolls back) if one fails. */
  runInTransaction(statements: Statement[]): Promise<Array<StatementResult<unknown>>>;
}

/**
 * Autocommit statements issued in one turn of the event loop run in one transaction, so they
 * share one commit and one WAL write (PGlite spends as much on a commit as on a short insert).
 * Each caller's result is given only once that transaction committed, so each statement is as
 * durable as on its own; statements run in the order they were issued, and each sees the writes
 * of those before it, as in autocommit. When one of them fails, the transaction rolls back and
 * each statement runs again on its own, so a failure reaches its caller only, exactly as it would
 * have alone.
 */
export function groupCommit(client: GroupCommitClient): <Row>(statement: Statement) => Promise<StatementResult<Row>> {
  const runOne = (statement: Statement): Promise<Settled> =>
    client.run(statement).then(
      (result) => ({ ok: true, result }),
      (error: unknown) => ({ ok: false, error }),
    );
  const run = coalesceCalls(async (statements: Statement[]): Promise<Settled[]> => {
    if (statements.length === 1) return [await runOne(statements[0]!)];
    try {
      return (await client.runInTransaction(statements)).map((result) => ({ ok: true, result }));
    } catch {
      const settled: Settled[] = [];
      for (const statement of statements) settled.push(await runOne(statement));
      return settled;
    }
  });
  return async <Row>(statement: Statement) => {
    const settled = await run(statement);
    if (!settled.ok) throw settled.error;
    return settled.result as StatementResult<Row>;
  };
}
