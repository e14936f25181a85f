// Generates each service's Prisma client offline. The CLI insists on a native schema engine
// binary it would otherwise download; generation does not use it, so any executable will do.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');
const dataAccess = join(root, 'libs', 'data-access');
const prismaCli = join(root, 'node_modules', 'prisma', 'build', 'index.js');
const env = { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.execPath, PRISMA_HIDE_UPDATE_MESSAGE: '1', CHECKPOINT_DISABLE: '1' };

const schemas = existsSync(dataAccess)
  ? readdirSync(dataAccess).map((name) => join(dataAccess, name, 'prisma', 'schema.prisma')).filter(existsSync)
  : [];
for (const schema of schemas) {
  execFileSync(process.execPath, [prismaCli, 'generate', '--schema', schema], { cwd: root, env, stdio: 'inherit' });
}
