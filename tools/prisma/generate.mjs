// Generates each service's Prisma client (libs/data-access/<service>/src/generated) offline. The
// CLI insists on a native schema engine binary it would otherwise download; generation does not
// run it, so any executable will do.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');
const dataAccess = join(root, 'libs', 'data-access');
const prismaCli = join(root, 'node_modules', 'prisma', 'build', 'index.js');
const env = { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.execPath, PRISMA_HIDE_UPDATE_MESSAGE: '1', CHECKPOINT_DISABLE: '1' };

const configs = existsSync(dataAccess)
  ? readdirSync(dataAccess)
      .map((name) => join(dataAccess, name, 'prisma.config.ts'))
      .filter(existsSync)
  : [];
for (const config of configs) {
  execFileSync(process.execPath, [prismaCli, 'generate', '--config', config], { cwd: root, env, stdio: 'inherit' });
}
