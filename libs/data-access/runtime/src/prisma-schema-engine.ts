// Self-contained (package imports only): tools/prisma/diff.mjs loads this file straight from
// source through Node's type stripping, which cannot follow this repo's `.js` relative imports.
import { readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { bindMigrationAwareSqlAdapterFactory, type SqlDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import type { DiagnoseMigrationHistoryOutput, MigrationList, SchemaContainer, SchemaEngine } from '@prisma/schema-engine-wasm';
import { PrismaPGlite } from 'pglite-prisma-adapter';

type WasmExports = Record<string, unknown>;

type EngineModule = typeof import('@prisma/schema-engine-wasm/schema_engine_bg') & {
  __wbg_set_wasm(exports: WasmExports): void;
};

// The repo compiles against lib ES2023 without DOM, which carries no WebAssembly declarations.
const { WebAssembly } = globalThis as unknown as {
  WebAssembly: { instantiate(bytes: Uint8Array, imports: object): Promise<{ instance: { exports: WasmExports } }> };
};

const LOCKFILE = 'migration_lock.toml';
const noFilters = { externalTables: [], externalEnums: [] };

let engineModule: Promise<EngineModule> | undefined;

/**
 * Prisma's schema engine compiled to wasm: it computes migrations without the native engine
 * binary, which cannot be downloaded here. Instantiated by hand because Jest's module loader
 * cannot import `.wasm` as an ES module.
 */
function loadSchemaEngine(): Promise<EngineModule> {
  engineModule ??= (async () => {
    const glue = (await import('@prisma/schema-engine-wasm/schema_engine_bg')) as EngineModule;
    const gluePath = createRequire(import.meta.url).resolve('@prisma/schema-engine-wasm/schema_engine_bg');
    const bytes = await readFile(join(dirname(gluePath), 'schema_engine_bg.wasm'));
    const { instance } = await WebAssembly.instantiate(bytes, { './schema_engine_bg.js': glue });
    glue.__wbg_set_wasm(instance.exports);
    (instance.exports['__wbindgen_start'] as () => void)();
    return glue;
  })();
  return engineModule;
}

/**
 * Runs `fn` with a schema engine for the Prisma schema at `schemaPath`. The engine reaches its
 * main database through `adapterFactory` (a fresh in-memory PGlite when omitted) and replays
 * migrations on a throw-away in-memory PGlite, its shadow database.
 */
async function withSchemaEngine<T>(
  schemaPath: string,
  adapterFactory: SqlDriverAdapterFactory | undefined,
  fn: (engine: SchemaEngine, files: SchemaContainer[]) => Promise<T>,
): Promise<T> {
  const { SchemaEngine } = await loadSchemaEngine();
  const schema = await readFile(schemaPath, 'utf8');
  const opened: PGlite[] = [];
  const pglite = () => {
    const instance = new PGlite();
    opened.push(instance);
    return new PrismaPGlite(instance);
  };
  const factory = {
    provider: 'postgres' as const,
    adapterName: 'pglite',
    connect: () => (adapterFactory ?? pglite()).connect(),
    connectToShadowDb: () => pglite().connect(),
  };
  const engine = await SchemaEngine.new({ datamodels: [[schemaPath, schema]] }, () => {}, bindMigrationAwareSqlAdapterFactory(factory));
  try {
    return await fn(engine, [{ path: schemaPath, content: schema }]);
  } finally {
    engine.free();
    await Promise.all(opened.map((instance) => instance.close()));
  }
}

/** `<dir>/<name>/migration.sql` and `<dir>/migration_lock.toml`, as the engine takes them. */
async function readMigrationList(dir: string): Promise<MigrationList> {
  const entries = await readdir(dir, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  const names = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  const migrationDirectories = await Promise.all(
    names.map(async (name) => ({
      path: name,
      migrationFile: { path: 'migration.sql', content: { tag: 'ok' as const, value: await readFile(join(dir, name, 'migration.sql'), 'utf8') } },
    })),
  );
  const lockContent = await readFile(join(dir, LOCKFILE), 'utf8').catch(() => null);
  return { baseDir: dir, lockfile: { path: LOCKFILE, content: lockContent }, shadowDbInitScript: '', migrationDirectories };
}

/**
 * The SQL that takes a database from the committed migrations in `migrationsDir` to the Prisma
 * schema at `schemaPath`: the next migration. The migrations are replayed on a shadow database;
 * the main one (`adapterFactory`, else a fresh in-memory PGlite) is only connected to.
 */
export async function diffMigrationsToSchema(options: {
  schemaPath: string;
  migrationsDir: string;
  adapterFactory?: SqlDriverAdapterFactory;
}): Promise<string> {
  const migrations = await readMigrationList(options.migrationsDir);
  const from = migrations.migrationDirectories.length > 0 ? { tag: 'migrations' as const, ...migrations } : { tag: 'empty' as const };
  return withSchemaEngine(options.schemaPath, options.adapterFactory, async (engine, files) => {
    const result = await engine.diff({ from, to: { tag: 'schemaDatamodel', files }, script: true, exitCode: null, filters: noFilters });
    return result.stdout ?? '';
  });
}

/** The SQL that takes the live database behind `adapterFactory` to the Prisma schema at `schemaPath`. */
export async function diffDatabaseToSchema(options: { schemaPath: string; adapterFactory: SqlDriverAdapterFactory }): Promise<string> {
  return withSchemaEngine(options.schemaPath, options.adapterFactory, async (engine, files) => {
    const result = await engine.diff({
      from: { tag: 'schemaDatasource', files, configDir: dirname(options.schemaPath) },
      to: { tag: 'schemaDatamodel', files },
      script: true,
      exitCode: null,
      filters: noFilters,
    });
    return result.stdout ?? '';
  });
}

/** The SQL lines of a diff script; with nothing to do, the engine writes only a comment. */
export function statementLines(script: string): string[] {
  return script
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('--'));
}

/**
 * What Prisma's own engine, as `prisma migrate status` would, finds in the migrations table of the
 * schema first on the search_path of the database behind `adapterFactory`.
 */
export async function diagnoseMigrationHistory(options: {
  schemaPath: string;
  migrationsDir: string;
  adapterFactory: SqlDriverAdapterFactory;
}): Promise<DiagnoseMigrationHistoryOutput> {
  const migrationsList = await readMigrationList(options.migrationsDir);
  return withSchemaEngine(options.schemaPath, options.adapterFactory, (engine) =>
    engine.diagnoseMigrationHistory({ migrationsList, optInToShadowDatabase: false, filters: noFilters }),
  );
}

/** Applies the migrations as `prisma migrate deploy` would; returns the names it applied. */
export async function applyMigrationsWithPrisma(options: {
  schemaPath: string;
  migrationsDir: string;
  adapterFactory: SqlDriverAdapterFactory;
}): Promise<string[]> {
  const migrationsList = await readMigrationList(options.migrationsDir);
  return withSchemaEngine(options.schemaPath, options.adapterFactory, async (engine) => {
    const { appliedMigrationNames } = await engine.applyMigrations({ migrationsList, filters: noFilters });
    return appliedMigrationNames;
  });
}
