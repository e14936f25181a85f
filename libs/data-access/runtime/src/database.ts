import type { SqlDriverAdapterFactory } from '@prisma/driver-adapter-utils';

export type DatabaseConfig =
  | {
      kind: 'pglite';
      /** null keeps the database in memory */
      dataDir: string | null;
      /** A maintenance round (the embedded vacuum) failed; the next one is still scheduled. */
      onMaintenanceError?: (error: unknown) => void;
    }
  | { kind: 'postgres'; url: string; poolMax?: number; onPoolError?: (error: Error) => void };

/** One connection inside one transaction; `exec` runs a script of several statements. */
export interface SqlTransaction {
  query<Row = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<Row[]>;
  /** One statement; how many rows it inserted, updated or deleted. */
  execute(sql: string, params?: unknown[]): Promise<number>;
  exec(script: string): Promise<void>;
}

/** The one database every service schema lives in, embedded (PGlite) or a PostgreSQL server. */
export interface Database {
  readonly kind: DatabaseConfig['kind'];
  /** For `new PrismaClient({ adapter: db.adapter() })`: all clients share this database's connections. */
  adapter(): SqlDriverAdapterFactory;
  /**
   * One statement on its own (autocommit), straight to the driver: the raw SQL of the stores'
   * hot paths, without the Prisma client's per-query cost (see `directRawSql`).
   */
  query<Row = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: Row[]; affectedRows: number }>;
  /** Raw SQL in one transaction on one connection: migrations, the stores' multi-statement writes (`directTransaction`), test set-up. */
  transaction<T>(fn: (sql: SqlTransaction) => Promise<T>): Promise<T>;
  /** Resolves when the database answers a query (readiness); rejects otherwise. */
  ping(): Promise<void>;
  /** Disconnect the Prisma clients built on `adapter()` first. */
  close(): Promise<void>;
}
