// Jest loads a global setup without the suites' module mapper, so this file stands alone.
import { spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import pg from 'pg';

export type Mode = 'embedded' | 'distributed';

export interface PlatformUnderTest {
  mode: Mode;
  baseUrl: string;
  adminApiKey: string;
  /** The platform's process (in distributed mode the launcher, whose children are the services). */
  pid: number;
  /** The JSON file with the key and x5c of the Wallet Provider this platform trusts. */
  walletProviderFile: string;
  /** The platform's KEYS_DIR: its signing keys and nonce secret, for tests that mint what the platform would only accept from itself. */
  keysDir: string;
  /** Distributed mode: what a service process of this platform is started with, beside the inherited environment. */
  serviceEnv?: Record<string, string>;
  /**
   * Stops the platform with SIGTERM (SIGKILL after 10 s); `inspect` then sees what it stored and
   * logged before the data is removed. Resolves with how the process ended.
   */
  stop(inspect?: (stopped: StoppedPlatform) => Promise<void>): Promise<ExitStatus>;
}

export interface ExitStatus {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** What a stopped platform leaves: its database (to open with @issuer/data-access-runtime) and every line it wrote. */
export interface StoppedPlatform {
  database: { kind: 'pglite'; dataDir: string } | { kind: 'postgres'; url: string };
  logLines: string[];
}

const root = join(import.meta.dirname, '..', '..');

/**
 * Starts the built platform as a user would (`npm start` or `npm run start:distributed`), on a
 * fresh data directory or a fresh database and stream, and waits until it answers.
 */
export async function startPlatform(mode: Mode, port: number, settings: NodeJS.ProcessEnv = {}): Promise<PlatformUnderTest> {
  const dataDir = mkdtempSync(join(tmpdir(), `issuer-${mode}-`));
  const adminApiKey = randomBytes(24).toString('base64url');
  const baseUrl = `http://127.0.0.1:${port}`;
  const walletProvider = await createWalletProvider(dataDir);
  const env: Record<string, string> = {
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_URL: baseUrl,
    DATA_DIR: dataDir,
    ADMIN_API_KEY: adminApiKey,
    LOG_LEVEL: 'warn',
    // An operator's configuration beside the built-ins: the jwt_vc_json credential of EBSI's conformance wallets.
    CREDENTIAL_CONFIG_FILES: fileURLToPath(new URL('../fixtures/credential-configurations.json', import.meta.url)),
    KEY_ATTESTATION_TRUST_ANCHORS: walletProvider.trustAnchorFile,
    WALLET_ATTESTATION_TRUST_ANCHORS: walletProvider.trustAnchorFile,
    // Webhook retries within a test's minute: 0.5 s, 1 s, 2 s after the failed attempts, four in all.
    WEBHOOK_RETRY_BASE_SECONDS: '0.5',
    WEBHOOK_MAX_ATTEMPTS: '4',
    // The session pages link each timeline entry's trace in Grafana.
    GRAFANA_URL: 'http://grafana.test',
    // `npm run fuzz` opens the embedded platform's inspector to weigh its heap after a full collection.
    ...(process.env['E2E_PLATFORM_NODE_OPTIONS'] && { NODE_OPTIONS: process.env['E2E_PLATFORM_NODE_OPTIONS'] }),
    ...(settings as Record<string, string>),
  };
  let dropDatabase = async () => {};
  if (mode === 'distributed') {
    const database = `issuer_e2e_${process.pid}_${Date.now()}`;
    const admin = new pg.Client({ connectionString: process.env['E2E_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres' });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${database}`);
    await admin.end();
    env['DATABASE_URL'] = `postgres://postgres@127.0.0.1:5432/${database}`;
    env['NATS_URL'] = process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222';
    env['NATS_STREAM'] = `E2E_${process.pid}_${Date.now()}`;
    env['NATS_SUBJECT_PREFIX'] = `e2e${process.pid}${Date.now()}.`;
    dropDatabase = async () => {
      const client = new pg.Client({ connectionString: process.env['E2E_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres' });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await client.end();
      // The NATS server outlives the run: its streams go with the database.
      const nats = await connect({ servers: env['NATS_URL'], timeout: 5_000 });
      const streams = await jetstreamManager(nats);
      for (const stream of [env['NATS_STREAM']!, `${env['NATS_STREAM']}_DLQ`]) await streams.streams.delete(stream).catch(() => false);
      await nats.close();
    };
  }
  const entry = mode === 'embedded' ? 'main.js' : 'distributed.js';
  // Its own process group, so a platform that never became ready goes with every service it started.
  const child = spawn(process.execPath, [join(root, 'apps', 'platform', 'dist', entry)], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const output: string[] = [];
  child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));

  try {
    await waitUntilReady(baseUrl, child, 60_000);
  } catch (error) {
    killGroup(child);
    await dropDatabase().catch(() => undefined);
    throw new Error(`The ${mode} platform did not become ready: ${(error as Error).message}\n${output.join('').slice(-4000)}`);
  }

  return {
    mode,
    baseUrl,
    adminApiKey,
    pid: child.pid!,
    walletProviderFile: walletProvider.signerFile,
    keysDir: join(dataDir, 'keys'),
    // As apps/platform/src/distributed.ts starts each service: the services take the ports after the gateway's.
    ...(mode === 'distributed' && { serviceEnv: { ...env, KEYS_DIR: join(dataDir, 'keys'), SESSION_LOG_OTLP_URL: `http://127.0.0.1:${port + 5}/v1/logs` } }),
    async stop(inspect) {
      const exit = await stopProcess(child);
      try {
        const database = env['DATABASE_URL'] ? { kind: 'postgres' as const, url: env['DATABASE_URL'] } : { kind: 'pglite' as const, dataDir: join(dataDir, 'pglite') };
        await inspect?.({ database, logLines: output.join('').split('\n').filter(Boolean) });
      } finally {
        await dropDatabase();
        rmSync(dataDir, { recursive: true, force: true });
        if (process.env['E2E_SHOW_OUTPUT']) process.stdout.write(output.join(''));
      }
      return exit;
    },
  };
}

async function waitUntilReady(baseUrl: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const readiness = ['/health/ready', '/.well-known/openid-credential-issuer', '/.well-known/oauth-authorization-server'];
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`process exited with ${child.exitCode}`);
    const answers = await Promise.all(readiness.map((path) => fetch(`${baseUrl}${path}`).then((r) => r.ok, () => false)));
    if (answers.every(Boolean)) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`no answer from ${baseUrl} within ${timeoutMs} ms`);
}

function killGroup(child: ChildProcess): void {
  try {
    process.kill(-child.pid!, 'SIGKILL');
  } catch {
    child.kill('SIGKILL');
  }
}

function stopProcess(child: ChildProcess): Promise<ExitStatus> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve) => {
    const timer = setTimeout(() => killGroup(child), 10_000);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal });
    });
    child.kill('SIGTERM');
  });
}


/**
 * A Wallet Provider for key and wallet attestations: a root the platform trusts (KEY_ATTESTATION_TRUST_ANCHORS, WALLET_ATTESTATION_TRUST_ANCHORS)
 * and a signer under it, whose key and chain the suites read from E2E_WALLET_PROVIDER.
 */
async function createWalletProvider(dataDir: string): Promise<{ trustAnchorFile: string; signerFile: string }> {
  const { createIssuerCertificates } = await import('@issuer/crypto');
  const signer = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const certificates = await createIssuerCertificates({ issuerUrl: 'https://wallet-provider.example.com', publicKey: signer.publicKey });
  const trustAnchorFile = join(dataDir, 'wallet-provider-root.pem');
  writeFileSync(trustAnchorFile, certificates.iaca.pem);
  const signerFile = join(dataDir, 'wallet-provider-signer.json');
  writeFileSync(signerFile, JSON.stringify({ privateKeyPem: signer.privateKey.export({ type: 'pkcs8', format: 'pem' }), x5c: certificates.x5c }), { mode: 0o600 });
  return { trustAnchorFile, signerFile };
}

/** One platform per e2e run, in the mode E2E_MODE names; the suites reach it over HTTP only. */
export default async function globalSetup(): Promise<void> {
  const mode = (process.env['E2E_MODE'] ?? 'embedded') as Mode;
  if (mode !== 'embedded' && mode !== 'distributed') throw new Error(`E2E_MODE must be embedded or distributed, not ${mode}`);
  // E2E_PORT lets two checkouts run their suites side by side; the distributed services take the ports after it.
  const port = Number(process.env['E2E_PORT'] ?? (mode === 'embedded' ? 18080 : 18180));
  const platform = await startPlatform(mode, port);
  // The suites append the secrets they see here (secret-ledger.ts); the global teardown looks for them. E2E_SECRET_SCAN=0 skips the scan.
  if (process.env['E2E_SECRET_SCAN'] !== '0') {
    process.env['E2E_SECRETS_FILE'] = join(mkdtempSync(join(tmpdir(), 'issuer-e2e-secrets-')), 'secrets.txt');
    writeFileSync(process.env['E2E_SECRETS_FILE'], '');
  }
  process.env['E2E_BASE_URL'] = platform.baseUrl;
  process.env['E2E_ADMIN_API_KEY'] = platform.adminApiKey;
  process.env['E2E_PLATFORM_PID'] = String(platform.pid);
  process.env['E2E_WALLET_PROVIDER'] = platform.walletProviderFile;
  process.env['E2E_KEYS_DIR'] = platform.keysDir;
  if (platform.serviceEnv) process.env['E2E_SERVICE_ENV'] = JSON.stringify(platform.serviceEnv);
  (globalThis as { __platform?: typeof platform }).__platform = platform;
}
