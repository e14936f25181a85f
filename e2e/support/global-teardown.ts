// Jest loads a global teardown without the suites' module mapper, so this file stands alone.
import { createPrivateKey } from 'node:crypto';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { PlatformUnderTest, StoppedPlatform } from './global-setup.js';

const PAGE = 2000;
// Every stored timeline entry and session event, paged by a key that only grows.
const storedTimeline = [
  { what: 'timeline entry', sql: `SELECT id::text AS key, "sessionId", endpoint, message, data, "clientId", ip, "userAgent" FROM session_log."TimelineEntry" WHERE id > $1::bigint ORDER BY id LIMIT ${PAGE}`, start: '0' },
  { what: 'session event', sql: `SELECT id AS key, "sessionId", type, data::text AS data FROM session_log."SessionEvent" WHERE id > $1 ORDER BY id LIMIT ${PAGE}`, start: '' },
];

export default async function globalTeardown(): Promise<void> {
  const platform = (globalThis as { __platform?: PlatformUnderTest }).__platform;
  const ledger = process.env['E2E_SECRETS_FILE'];
  try {
    await platform?.stop(async (stopped) => {
      if (ledger) await scanForSecrets(platform, stopped, ledger);
    });
  } finally {
    if (ledger) rmSync(dirname(ledger), { recursive: true, force: true });
  }
}

/**
 * ARCHITECTURE.md principle 9: no secret the suites saw (tokens, codes, tx_codes, PKCE verifiers, API
 * keys), none of the platform's own (admin API key, nonce secret, private keys) and no private key
 * of any shape in a stored timeline entry or event, or in a line the platform logged.
 */
async function scanForSecrets(platform: PlatformUnderTest, stopped: StoppedPlatform, ledger: string): Promise<void> {
  const { SecretIndex } = await import('@issuer/testing');
  const { openDatabase } = await import('@issuer/data-access-runtime');
  const seen = readFileSync(ledger, 'utf8').split('\n').filter(Boolean);
  const secrets = new SecretIndex();
  for (const secret of [...seen, ...platformSecrets(platform)]) secrets.add(secret);

  const findings = [];
  let stored = 0;
  const database = await openDatabase(stopped.database);
  try {
    for (const { what, sql, start } of storedTimeline) {
      for (let after = start, rows = await page(sql, after); rows.length > 0; after = rows.at(-1)!['key'] as string, rows = await page(sql, after)) {
        stored += rows.length;
        for (const row of rows) findings.push(...secrets.find(JSON.stringify(row), `${what} ${String(row['key'])} (${String(row['endpoint'] ?? row['type'])}, session ${String(row['sessionId'])})`));
      }
    }
  } finally {
    await database.close();
  }
  stopped.logLines.forEach((line, index) => findings.push(...secrets.find(line, `log line ${index + 1}`)));

  if (seen.length === 0 || stored === 0 || stopped.logLines.length === 0) {
    throw new Error(`The secret scan needs something to scan: ${seen.length} secrets seen by the suites, ${stored} stored timeline entries and events, ${stopped.logLines.length} log lines`);
  }
  if (findings.length > 0) throw new Error(`Secrets in what the platform stored or logged:\n${findings.map((finding) => `  ${finding.where}: ${finding.what}${finding.context ? ` after …${finding.context}` : ''}`).join('\n')}`);
  process.stdout.write(`Secret scan: ${secrets.size} secrets, none in ${stored} stored timeline entries and events or ${stopped.logLines.length} log lines\n`);

  async function page(sql: string, after: string): Promise<Array<Record<string, unknown>>> {
    return database.transaction((tx) => tx.query(sql, [after]));
  }
}

/** The platform's own: the admin API key, the nonce secret, and the private parts of its and the Wallet Provider's keys. */
function platformSecrets(platform: PlatformUnderTest): string[] {
  const pems = readdirSync(platform.keysDir)
    .filter((file) => file.endsWith('.pem'))
    .map((file) => readFileSync(join(platform.keysDir, file), 'utf8'));
  const walletProvider = JSON.parse(readFileSync(platform.walletProviderFile, 'utf8')) as { privateKeyPem: string };
  const privateParts = [...pems, walletProvider.privateKeyPem].filter((pem) => pem.includes('PRIVATE KEY')).map((pem) => createPrivateKey(pem).export({ format: 'jwk' }).d as string);
  return [platform.adminApiKey, readFileSync(join(platform.keysDir, 'nonce-secret'), 'utf8').trim(), ...privateParts];
}
