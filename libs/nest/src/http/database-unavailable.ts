// PostgreSQL SQLSTATE class 08 (connection exception), 57P01-57P03 (shutdown, crash, starting up) and
// 53300 (too many connections), and the driver's words for a connection that is gone.
const UNAVAILABLE = /\b(08\d{3}|57P0[1-3]|53300)\b|Can't reach database server|Server has closed the connection|Connection terminated|ECONNREFUSED|ECONNRESET|the database system is (shutting down|starting up|in recovery mode)/;
// node-postgres throws these as plain Errors, without a code, when its connection is gone or the pool cannot connect.
const PG_CONNECTION_LOST = /^(Client has encountered a connection error and is not queryable|Client was closed and is not queryable|timeout exceeded when trying to connect|Connection terminated unexpectedly)$/;

/** Whether `error`, or an error it was caused by, says the database cannot be reached right now. */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth++) {
    if (PG_CONNECTION_LOST.test(current.message)) return true;
    // A CommandError carries the message of the remote handler's failure.
    if (current.name.startsWith('PrismaClient') || current.name === 'DatabaseError' || current.name === 'CommandError' || (current as { code?: unknown }).code !== undefined) {
      if (UNAVAILABLE.test(`${String((current as { code?: unknown }).code ?? '')} ${current.message}`)) return true;
    }
  }
  return false;
}
