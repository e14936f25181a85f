import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface Migration {
  /** The folder name, `<yyyyMMddHHmmss>_<name>`, as Prisma records it in `migration_name`. */
  name: string;
  sql: string;
  /** Hex SHA-256 of `migration.sql`, the checksum Prisma's CLI records. */
  checksum: string;
}

/** The migrations of one Prisma migrations folder in the order Prisma applies them (by folder name). */
export async function readMigrations(dir: string): Promise<Migration[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    }),
  );
}
