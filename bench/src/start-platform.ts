import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import pg from 'pg';
import type { PlatformMode } from './bench-options.js';

export interface StartedPlatform {
  mode: PlatformMode;
  baseUrl: string;
  adminApiKey: string;
  pid: number;
  /** Distributed: the database the services share, whose Postgres backends the bench also measures. */
  database?: string;
  stop(): Promise<void>;
}

export interface StartPlatformOptions {
  port?: number;
  cpuProfileDir?: string;
  /** Environment of the bench's own; PostgreSQL and NATS addresses may be overridden there. */
  env?: NodeJS.ProcessEnv;
}

const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));
const readyTimeoutMs = 90_000;

/**
 * Starts the built platform as `npm start` / `npm run start:distributed` would, on a fresh data
 * directory (embedded) or a fresh database and NATS stream (distributed), and waits until the
 * readiness probe and both metadata documents answer.
 */
export async function startPlatform(mode: PlatformMode, options: StartPlatformOptions = {}): Promise<StartedPlatform> {
  const baseEnv = options.env ?? process.env;
  const entry = join(repositoryRoot, 'apps', 'platform', 'dist', mode === 'embedded' ? 'main.js' : 'distributed.js');
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run npm run build first`);

  const port = options.port ?? (await findFreePortRange(mode === 'embedded' ? 1 : 6));
  const baseUrl = `http://127.0.0.1:${port}`;
  const adminApiKey = randomBytes(24).toString('base64url');
  const dataDir = mkdtempSync(join(tmpdir(), `issuer-bench-${mode}-`));
  const env: NodeJS.ProcessEnv = { ...baseEnv, PORT: String(port), HOST: '127.0.0.1', PUBLIC_URL: baseUrl, DATA_DIR: dataDir, ADMIN_API_KEY: adminApiKey, LOG_LEVEL: 'warn' };
  if (options.cpuProfileDir !== undefined) {
    const profileDir = resolve(options.cpuProfileDir);
    mkdirSync(profileDir, { recursive: true });
    // NODE_OPTIONS reaches the services the distributed entry point spawns, too.
    env['NODE_OPTIONS'] = `${baseEnv['NODE_OPTIONS'] ?? ''} --cpu-prof --cpu-prof-dir=${profileDir}`.trim();
  }

  const cleanups: Array<() => Promise<void>> = [async () => rmSync(dataDir, { recursive: true, force: true })];
  let database: string | undefined;
  if (mode === 'distributed') {
    const suffix = `${process.pid}_${Date.now()}`;
    database = `issuer_bench_${suffix}`;
    const adminUrl = baseEnv['BENCH_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
    await withPostgres(adminUrl, (client) => client.query(`CREATE DATABASE ${database}`));
    const dropDatabase = database;
    cleanups.unshift(async () => {
      await withPostgres(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${dropDatabase} WITH (FORCE)`));
    });
    const databaseUrl = new URL(adminUrl);
    databaseUrl.pathname = `/${database}`;
    const stream = `BENCH_${suffix}`;
    env['DATABASE_URL'] = databaseUrl.toString();
    env['NATS_URL'] = baseEnv['NATS_URL'] ?? 'nats://127.0.0.1:4222';
    env['NATS_STREAM'] = stream;
    env['NATS_SUBJECT_PREFIX'] = `bench${suffix}.`;
    cleanups.unshift(() => deleteStreams(env['NATS_URL']!, [stream, `${stream}_DLQ`]));
  }
  const cleanUp = async () => {
    for (const cleanup of cleanups) await cleanup().catch(() => undefined);
  };

  let child: ChildProcess;
  try {
    // A process group of its own: Ctrl-C reaches the bench only, which drains the flows under way
    // and then stops the platform; the exit hook below covers every other way out of the bench.
    child = spawn(process.execPath, [entry], { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  } catch (error) {
    await cleanUp();
    throw error;
  }
  const killOnExit = () => child.kill('SIGTERM');
  process.once('exit', killOnExit);
  child.once('exit', () => process.removeListener('exit', killOnExit));
  const output: string[] = [];
  const keep = (chunk: Buffer) => {
    output.push(chunk.toString());
    if (output.length > 200) output.splice(0, output.length - 200);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);

  try {
    await waitUntilReady(baseUrl, child, readyTimeoutMs);
  } catch (error) {
    await stopProcess(child);
    await cleanUp();
    throw new Error(`The ${mode} platform did not become ready: ${(error as Error).message}\n${output.join('').slice(-4000)}`);
  }

  return {
    mode,
    baseUrl,
    adminApiKey,
    pid: child.pid!,
    ...(database !== undefined && { database }),
    async stop() {
      await stopProcess(child);
      await cleanUp();
    },
  };
}

async function waitUntilReady(baseUrl: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const probes = ['/health/ready', '/.well-known/openid-credential-issuer', '/.well-known/oauth-authorization-server'];
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the process exited (${child.exitCode ?? child.signalCode})`);
    const answers = await Promise.all(probes.map((path) => fetch(`${baseUrl}${path}`).then((response) => response.ok, () => false)));
    if (answers.every(Boolean)) return;
    await new Promise((resolveWait) => setTimeout(resolveWait, 250));
  }
  throw new Error(`no answer from ${baseUrl} within ${timeoutMs} ms`);
}

/** SIGTERM, so the platform closes cleanly (and writes CPU profiles); SIGKILL after 15 s. */
function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolveStop) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolveStop();
    });
    child.kill('SIGTERM');
  });
}

/** `count` consecutive free loopback ports (the distributed platform uses PORT..PORT+5). */
export async function findFreePortRange(count: number): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const first = 20_000 + Math.floor(Math.random() * 40_000);
    let free = true;
    for (let port = first; port < first + count && free; port++) free = await isPortFree(port);
    if (free) return first;
  }
  throw new Error(`found no ${count} consecutive free ports`);
}

function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolvePort) => {
    const server = createServer();
    server.once('error', () => resolvePort(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolvePort(true)));
  });
}

async function withPostgres<T>(connectionString: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

async function deleteStreams(servers: string, streams: string[]): Promise<void> {
  const nc = await connect({ servers, timeout: 5_000 });
  try {
    const jsm = await jetstreamManager(nc);
    for (const stream of streams) await jsm.streams.delete(stream).catch(() => false);
  } finally {
    await nc.close();
  }
}
