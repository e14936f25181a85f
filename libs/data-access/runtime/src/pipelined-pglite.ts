import { parse, protocol, type PGlite, type QueryOptions, type Results, type Transaction } from '@electric-sql/pglite';
import { bindDescribeExecute, bindDescribeExecuteSync } from './bind-message.js';
import { parseBackendMessages } from './parse-backend-messages.js';

const { serialize } = protocol;

export interface PipelinedStatement {
  sql: string;
  params: unknown[];
}

interface PreparedStatement {
  name: string;
  paramTypes: number[];
}

/** The part of PGlite the Prisma driver adapter uses: queries, scripts and transactions. */
export type PGliteQueryClient = Pick<PGlite, 'query' | 'exec' | 'transaction'>;

/**
 * PGlite's own `query()` enters the wasm backend six times per statement (Parse, Describe
 * statement, Bind, Describe portal, Execute, Sync) and parses and plans the SQL anew each time.
 * This client prepares each distinct SQL text once as a named statement (PostgreSQL protocol,
 * Section 55.2.3 "Extended Query") and then sends Bind, Describe, Execute and Sync as one message:
 * one entry into the backend per statement, and PostgreSQL's plan cache works as on a server.
 * Results have the shape and parsers of PGlite's, and errors are its DatabaseError, so the driver
 * adapter sees no difference.
 */
export class PipelinedPGlite implements PGliteQueryClient {
  readonly #pg: PGlite;
  readonly #statements = new Map<string, PreparedStatement>();
  readonly #mergedParsers = new WeakMap<object, PGlite["parsers"]>();
  readonly #maxStatements: number;
  readonly #syncAfterQuery: boolean;
  #nextName = 0;

  /**
   * `writesThrough`: the data directory is in memory or on Node's file system, where every write
   * reaches it at once. PGlite's `syncToFs` after a query only matters for browser storage
   * (IndexedDB, OPFS), and costs a lock round per statement.
   */
  constructor(pg: PGlite, { maxStatements = 512, writesThrough = false } = {}) {
    this.#pg = pg;
    this.#maxStatements = maxStatements;
    this.#syncAfterQuery = !writesThrough;
  }

  query<T>(sql: string, params: unknown[] = [], options?: QueryOptions): Promise<Results<T>> {
    return this.#pg._runExclusiveTransaction(() => this.#pg._runExclusiveQuery(() => this.#run<T>(sql, params, options, true)));
  }

  exec(script: string, options?: QueryOptions): Promise<Array<Results>> {
    return this.#pg.exec(script, options);
  }

  transaction<T>(fn: (tx: Transaction) => Promise<T>): Promise<T> {
    return this.#pg.transaction((tx) =>
      fn({
        ...tx,
        query: <R>(sql: string, params?: unknown[], options?: QueryOptions) =>
          this.#pg._runExclusiveQuery(() => this.#run<R>(sql, params ?? [], options, false)),
        exec: (script: string, options?: QueryOptions) => tx.exec(script, options),
        rollback: () => tx.rollback(),
        get closed() {
          return tx.closed;
        },
      } as Transaction),
    );
  }

  /**
   * Runs `statements` in order in one transaction, sent to the backend as one message: BEGIN, each
   * statement's Bind, Describe and Execute, COMMIT, then one Sync (PostgreSQL protocol, Section
   * 55.2.4 "Pipelining"). Entering the backend once instead of once per statement saves about 40 µs
   * of CPU per statement. If one fails, the backend skips the rest; the transaction is rolled back
   * and that statement's error is thrown.
   */
  runInOneTransaction(statements: readonly PipelinedStatement[]): Promise<Results[]> {
    return this.#pg._runExclusiveTransaction(() =>
      this.#pg._runExclusiveQuery(async () => {
        const texts = ['BEGIN', ...statements.map((statement) => statement.sql), 'COMMIT'];
        // Each statement's name must stay valid until the message is sent: none of them is evicted.
        const pinned = new Set(texts);
        const prepared = [];
        for (const sql of texts) prepared.push(this.#recall(sql) ?? (await this.#prepare(sql, undefined, pinned)));
        const params = [[], ...statements.map((statement) => statement.params), []];
        const message = Buffer.concat([
          ...prepared.map((statement, index) => bindDescribeExecute(statement.name, this.#serializeAll(params[index]!, statement, undefined))),
          sync,
        ]);
        const { results, error } = parseBackendMessages(await this.#exchange(message), this.#pg.parsers);
        if (error && this.#pg.isInTransaction()) await this.#pg.execProtocol(rollback, { syncToFs: false });
        while (this.#statements.size > this.#maxStatements) await this.#evictLeastRecentlyUsed();
        if (error) throw error;
        if (this.#syncAfterQuery) await this.#pg.syncToFs();
        return results.slice(1, -1);
      }),
    );
  }

  async #run<T>(sql: string, params: unknown[], options: QueryOptions | undefined, syncToFs: boolean): Promise<Results<T>> {
    const statement = this.#recall(sql) ?? (await this.#prepare(sql, options));
    const values = this.#serializeAll(params, statement, options);
    const { results, error } = parseBackendMessages(await this.#exchange(bindDescribeExecuteSync(statement.name, values)), this.#parsersFor(options), options?.rowMode);
    if (error) throw error;
    if (syncToFs && this.#syncAfterQuery) await this.#pg.syncToFs();
    return results[0] as Results<T>;
  }

  /** The backend's answer to `message`, as it wrote it: PGlite's own parser never sees it. */
  async #exchange(message: Uint8Array): Promise<Buffer> {
    const chunks: Buffer[] = [];
    // Each chunk is a view of the wasm memory, valid only during the call.
    await this.#pg.execProtocolRawStream(message, { syncToFs: false, onRawData: (chunk) => chunks.push(Buffer.from(chunk)) });
    return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
  }

  /**
   * PGlite's parseResults spreads the query's parsers over its hundreds of default ones on every
   * call; the driver adapter passes the same parsers object each time, so they are merged once.
   */
  #parsersFor(options: QueryOptions | undefined): PGlite["parsers"] {
    const own = options?.parsers;
    if (own === undefined) return this.#pg.parsers;
    let merged = this.#mergedParsers.get(own);
    if (merged === undefined) {
      merged = { ...this.#pg.parsers, ...own };
      this.#mergedParsers.set(own, merged);
    }
    return merged;
  }

  /** The statement prepared for `sql`, now the most recently used. */
  #recall(sql: string): PreparedStatement | undefined {
    const statement = this.#statements.get(sql);
    if (statement === undefined) return undefined;
    this.#statements.delete(sql);
    this.#statements.set(sql, statement);
    return statement;
  }

  async #prepare(sql: string, options: QueryOptions | undefined, pinned?: ReadonlySet<string>): Promise<PreparedStatement> {
    while (this.#statements.size >= this.#maxStatements && (await this.#evictLeastRecentlyUsed(pinned)));
    const name = `pipelined_${this.#nextName++}`;
    const message = concat([
      serialize.parse({ name, text: sql, ...(options?.paramTypes && { types: options.paramTypes }) }),
      serialize.describe({ type: 'S', name }),
      sync,
    ]);
    const { messages } = await this.#pg.execProtocol(message, { syncToFs: false });
    const statement = { name, paramTypes: parse.parseDescribeStatementResults(messages) };
    this.#statements.set(sql, statement);
    return statement;
  }

  /** False when every prepared statement is `pinned`: then the limit is passed until they ran. */
  async #evictLeastRecentlyUsed(pinned?: ReadonlySet<string>): Promise<boolean> {
    for (const [sql, statement] of this.#statements) {
      if (pinned?.has(sql)) continue;
      this.#statements.delete(sql);
      await this.#pg.execProtocol(concat([serialize.close({ type: 'S', name: statement.name }), sync]), { syncToFs: false });
      return true;
    }
    return false;
  }

  #serializeAll(params: unknown[], statement: PreparedStatement, options: QueryOptions | undefined): Array<string | null> {
    return params.map((value, index) => this.#serialize(value, statement.paramTypes[index], options));
  }

  #serialize(value: unknown, type: number | undefined, options: QueryOptions | undefined): string | null {
    if (value === null || value === undefined) return null;
    const serializer = type === undefined ? undefined : (options?.serializers?.[type] ?? this.#pg.serializers[type]);
    return serializer ? serializer(value) : String(value);
  }
}

const sync = serialize.sync();
const rollback = serialize.query('ROLLBACK');

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((length, part) => length + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
