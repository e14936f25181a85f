import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { zApiKeyScope } from '@issuer/contracts-routes';
import { createOfferRepository, offerMigrations, type OfferRepository } from '@issuer/data-access-offer';
import { migrate, openDatabase, type Database } from '@issuer/data-access-runtime';
import { loadPlatformConfig, type PlatformConfig } from '@issuer/nest';
import { createApiKey, listApiKeys, revokeApiKey } from '@issuer/offer-service';

const usage = `usage: npm run api-key -- create --name NAME --scopes read,write,admin
       npm run api-key -- list
       npm run api-key -- revoke ID

Works on DATABASE_URL when it is set, else on the embedded database under DATA_DIR (only while the
embedded platform is stopped: PGlite takes one process at a time).
`;

type Command = { kind: 'create'; name: string; scopes: Array<'read' | 'write' | 'admin'> } | { kind: 'list' } | { kind: 'revoke'; id: string };

const command = parseCommand();
if (typeof command === 'string') {
  process.stderr.write(`${command}\n\n${usage}`);
  process.exit(64);
}
const config = loadPlatformConfig();
const database = await open(config);
const repository = createOfferRepository(database);
try {
  process.exitCode = await run(command, repository);
} finally {
  await repository.close();
  await database.close();
}

function parseCommand(): Command | string {
  const { positionals, values } = parseArgs({ allowPositionals: true, strict: false, options: { name: { type: 'string' }, scopes: { type: 'string' } } });
  const [verb, ...rest] = positionals;
  if (verb === 'create' && rest.length === 0) {
    const scopes = zApiKeyScope.array().min(1).safeParse(String(values['scopes'] ?? '').split(',').map((scope) => scope.trim()).filter(Boolean));
    const name = typeof values['name'] === 'string' ? values['name'].trim() : '';
    if (!name || !scopes.success) return 'create needs --name and --scopes, a comma-separated list of read, write, admin';
    return { kind: 'create', name, scopes: scopes.data };
  }
  if (verb === 'list' && rest.length === 0) return { kind: 'list' };
  if (verb === 'revoke' && rest.length === 1 && rest[0]) return { kind: 'revoke', id: rest[0] };
  return verb ? `unknown command: ${positionals.join(' ')}` : 'no command';
}

async function run(command: Command, repository: OfferRepository): Promise<number> {
  if (command.kind === 'create') {
    process.stdout.write(`${JSON.stringify(await createApiKey(repository, command), null, 2)}\n`);
    process.stderr.write('The key is shown only now; only its hash is stored.\n');
    return 0;
  }
  if (command.kind === 'list') {
    process.stdout.write(`${JSON.stringify(await listApiKeys(repository), null, 2)}\n`);
    return 0;
  }
  const revoked = await revokeApiKey(repository, command.id);
  if (!revoked) {
    process.stderr.write(`no API key with id ${command.id}\n`);
    return 1;
  }
  process.stdout.write(`${JSON.stringify(revoked, null, 2)}\n`);
  return 0;
}

async function open(config: PlatformConfig): Promise<Database> {
  if (config.databaseUrl) return openDatabase({ kind: 'postgres', url: config.databaseUrl, poolMax: 1 });
  const embedded = await openDatabase({ kind: 'pglite', dataDir: join(config.dataDir, 'pglite') });
  await migrate(embedded, [offerMigrations]);
  return embedded;
}
