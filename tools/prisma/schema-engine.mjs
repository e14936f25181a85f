// Prisma's schema engine compiled to wasm, driven through a PGlite driver adapter: it computes
// migrations without the native engine binary, which cannot be downloaded here.
import { readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import { PrismaPGlite } from 'pglite-prisma-adapter';

const require = createRequire(import.meta.url);
const LOCKFILE = 'migration_lock.toml';

let engineModule;

/** Instantiates the wasm by hand: Jest's module loader cannot import `.wasm` as an ES module. */
function loadEngineModule() {
  engineModule ??= (async () => {
    const gluePath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg');
    const glue = await import(gluePath);
    const bytes = await readFile(join(gluePath, '..', 'schema_engine_bg.wasm'));
    const { instance } = await WebAssembly.instantiate(bytes, { './schema_engine_bg.js': glue });
    glue.__wbg_set_wasm(instance.exports);
    instance.exports.__wbindgen_start();
    return glue;
  })();
  return engineModule;
}

/** Reads `<dir>/<name>/migration.sql` and `<dir>/migration_lock.toml` into the engine's MigrationList. */
export async function readMigrationList(dir) {
  const entries = await readdir(dir, { withFileTypes: true }).catch((error) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  const names = entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
  const migrationDirectories = await Promise.all(
    names.map(async (name) => ({
      path: name,
      migrationFile: { path: 'migration.sql', content: { tag: 'ok', value: await readFile(join(dir, name, 'migration.sql'), 'utf8') } },
    })),
  );
  const lockContent = await readFile(join(dir, LOCKFILE), 'utf8').catch(() => null);
  return { baseDir: dir, lockfile: { path: LOCKFILE, content: lockContent }, shadowDbInitScript: '', migrationDirectories };
}

/**
 * Returns the SQL that takes a database from the committed migrations in `migrationsDir` to the
 * Prisma schema at `schemaPath` (an empty diff is a SQL comment only).
 */
export async function diffMigrationsToSchema({ schemaPath, migrationsDir }) {
  const glue = await loadEngineModule();
  const schema = await readFile(schemaPath, 'utf8');
  const migrations = await readMigrationList(migrationsDir);
  const main = new PGlite();
  const shadow = new PGlite();
  const adapterFactory = {
    provider: 'postgres',
    adapterName: 'pglite',
    connect: () => new PrismaPGlite(main).connect(),
    connectToShadowDb: () => new PrismaPGlite(shadow).connect(),
  };
  const engine = await glue.SchemaEngine.new(
    { datamodels: [[schemaPath, schema]] },
    () => {},
    bindMigrationAwareSqlAdapterFactory(adapterFactory),
  );
  try {
    const from = migrations.migrationDirectories.length > 0 ? { tag: 'migrations', ...migrations } : { tag: 'empty' };
    const result = await engine.diff({
      from,
      to: { tag: 'schemaDatamodel', files: [{ path: schemaPath, content: schema }] },
      script: true,
      exitCode: null,
      filters: { externalTables: [], externalEnums: [] },
    });
    return result.stdout ?? '';
  } finally {
    engine.free();
    await Promise.all([main.close(), shadow.close()]);
  }
}

/** True when a diff script carries no statement (the engine writes only a comment then). */
export function isEmptyMigration(script) {
  return script
    .split('\n')
    .map((line) => line.trim())
    .every((line) => line === '' || line.startsWith('--'));
}
