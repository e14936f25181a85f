import { PGlite, type PGliteOptions } from '@electric-sql/pglite';

/**
 * PGlite's defaults size the server for a machine of its own (128 MB of shared buffers, 100
 * connections). The embedded platform has one connection and small tables, so it keeps the cache
 * small and leaves memory to the process.
 */
export function pgliteOptions(dataDir: string | null): PGliteOptions {
  return {
    ...(dataDir !== null && { dataDir }),
    startParams: [
      ...PGlite.defaultStartParams,
      ...['-c', 'shared_buffers=16MB', '-c', 'wal_buffers=1MB', '-c', 'max_connections=4'],
    ],
  };
}
