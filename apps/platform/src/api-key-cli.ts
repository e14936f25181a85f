import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { zApiKeyScope } from '@issuer/contracts-routes';
import { createOfferRepository, offerMigrations } from '@issuer/data-access-offer';
import { migrate, openDatabase, type Database } from '@issuer/data-access-runtime';
import { loadPlatformConfig } from '@issuer/nest';
import { createApiKey, listApiKeys, revokeApiKey } from '@issuer/offer-service';

const usage = `usage: npm run api-key -- create --name NAME --scopes read,write,admin
       npm run api-key -- list
       npm run api-key -- revoke ID

Works on DATABASE_URL when it is set, else on the embedded database under DATA_DIR (only while the
embedded platform is stopped: PGlite takes one process at a time).
`;

const { positionals, values } = parseArgs({ allowPositionals: true, options: { name: { type: 'string' }, scopes: { type: 'string' } } });
const [command, ...rest] = positionals;

const config = loadPlatformConfig();
const database = await open();
const repository = createOfferRepository(database);
try {
  process.exitCode = await run();
} finally {
  await repository.close();
  await database.close();
}

async function run(): Promise<number> {
  if (command === 'create' && rest.length === 0) {
    const scopes = zApiKeyScope.array().min(1).safeParse((values.scopes ?? '').split(',').map((scope) => scope.trim()).filter(Boolean));
    const name = values.name?.trim();
    if (!name || !scopes.success) return fail('create needs --name and --scopes, a comma-separated list of read, write, admin');
    const created = await createApiKey(repository, { name, scopes: scopes.data });
    process.stdout.write(`${JSON.stringify(created, null, 2)}\nThe key is shown only now; only its hash is stored.\n`);
    return 0;
  }
  if (command === 'list' && rest.length === 0) {
    process.stdout.write(`${JSON.stringify(await listApiKeys(repository), null, 2)}\n`);
    return 0;
  }
  if (command === 'revoke' && rest.length === 1 && rest[0]) {
    const revoked = await revokeApiKey(repository, rest[0]);
    if (!revoked) return fail(`no API key with id ${rest[0]}`);
    process.stdout.write(`${JSON.stringify(revoked, null, 2)}\n`);
    return 0;
  }
  return fail(command ? `unknown command: ${positionals.join(' ')}` : 'no command');
}

function fail(message: string): number {
  process.stderr.write(`${message}\n\n${usage}`);
  return 64;
}

async function open(): Promise<Database> {
  if (config.databaseUrl) return openDatabase({ kind: 'postgres', url: config.databaseUrl, poolMax: 1 });
  const embedded = await openDatabase({ kind: 'pglite', dataDir: join(config.dataDir, 'pglite') });
  await migrate(embedded, [offerMigrations]);
  return embedded;
}
