import type { Database } from './database.js';

/** The raw SQL methods of a generated Prisma client that the stores call. */
export interface RawSqlMethods {
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): PromiseLike<T>;
  $executeRawUnsafe(query: string, ...values: unknown[]): PromiseLike<number>;
}

const directClients = new WeakSet<object>();

/**
 * `client` with its `$queryRawUnsafe` and `$executeRawUnsafe` sent straight to the database's
 * driver. Prisma spends several hundred microseconds of CPU on each query it runs (measured: an
 * `INSERT ... ON CONFLICT DO NOTHING` costs 659 µs through the client, 178 µs without it, on
 * PGlite); the stores' hot statements are raw SQL already, so they skip it. Only for a root
 * client: inside a Prisma transaction the transaction's own client must run every statement.
 * The stores write such SQL to return the same JavaScript values from either path: counts cast to
 * `int`, no `bigint` or `numeric` columns.
 */
export function directRawSql<C extends RawSqlMethods>(client: C, db: Pick<Database, 'query'>): C {
  const proxy = directProxy(client, db);
  directClients.add(proxy);
  return proxy;
}

/** True for a client `directRawSql` returned: a root client, outside any transaction. */
export function isDirectRawSql(client: object): boolean {
  return directClients.has(client);
}

function directProxy<C extends RawSqlMethods>(client: C, db: Pick<Database, 'query'>): C {
  const direct: RawSqlMethods = {
    $queryRawUnsafe: async <T>(query: string, ...values: unknown[]) => (await db.query(query, values)).rows as T,
    $executeRawUnsafe: async (query: string, ...values: unknown[]) => (await db.query(query, values)).affectedRows,
  };
  return new Proxy(client, {
    get(target, property) {
      if (property === '$queryRawUnsafe' || property === '$executeRawUnsafe') return direct[property];
      const value: unknown = Reflect.get(target, property, target);
      // The client's own methods run on the client itself, whose private state a proxy does not have.
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
