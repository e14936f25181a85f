import { PGlite } from '@electric-sql/pglite';

/**
 * Runs initdb for a new data directory, then exits. The embedded platform runs this in a child
 * process: initdb starts a second PostgreSQL instance and takes twice the steady memory, which a
 * process that exits gives back. Arguments: the data directory, the start parameters as JSON.
 */
const [dataDir, startParams] = process.argv.slice(2);
if (!dataDir || !startParams) throw new Error('usage: init-pglite-data-dir <dataDir> <startParams as JSON>');
const pglite = await PGlite.create({ dataDir, startParams: JSON.parse(startParams) as string[] });
await pglite.close();
