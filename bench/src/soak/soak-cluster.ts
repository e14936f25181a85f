import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect as connectTcp } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { findFreePortRange } from '../start-platform.js';
import { PrivatePostgres } from './private-postgres.js';
import { SupervisedProcess } from './supervised-process.js';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../../', import.meta.url));

export const services = ['offer-service', 'auth-service', 'credential-service', 'deferred-service', 'session-log-service'] as const;
export type SoakService = (typeof services)[number] | 'gateway';

/**
 * The distributed platform as a cluster would run it, on a PostgreSQL and a NATS of its own so
 * that both can be restarted: five services and the gateway, each a supervised process.
 */
export class SoakCluster {
  private constructor(
    readonly baseUrl: string,
    readonly adminApiKey: string,
    readonly databaseUrl: string,
    readonly processes: Map<SoakService, SupervisedProcess>,
    readonly nats: SupervisedProcess,
    readonly postgres: PrivatePostgres,
    private readonly dataDir: string,
  ) {}

  static async start(deferredIntervalSeconds: number): Promise<SoakCluster> {
    const base = await findFreePortRange(9);
    const [gatewayPort, natsPort, postgresPort] = [base, base + 7, base + 8];
    const servicePort = (index: number) => base + 1 + index;
    const dataDir = mkdtempSync(join(tmpdir(), 'issuer-soak-'));
    const postgres = await PrivatePostgres.create(postgresPort);
    const nats = new SupervisedProcess({
      name: 'nats',
      command: '/usr/sbin/nats-server',
      args: ['-a', '127.0.0.1', '-p', String(natsPort), '-js', '-sd', join(dataDir, 'nats')],
      env: process.env,
      ready: () => tcpOpen(natsPort),
    });
    await nats.start();

    const baseUrl = `http://127.0.0.1:${gatewayPort}`;
    const adminApiKey = randomBytes(24).toString('base64url');
    const databaseUrl = `postgres://postgres@127.0.0.1:${postgresPort}/postgres`;
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      HOST: '127.0.0.1',
      PUBLIC_URL: baseUrl,
      ADMIN_API_KEY: adminApiKey,
      DATA_DIR: dataDir,
      KEYS_DIR: join(dataDir, 'keys'),
      DATABASE_URL: databaseUrl,
      NATS_URL: `nats://127.0.0.1:${natsPort}`,
      LOG_LEVEL: 'warn',
      DEFERRED_INTERVAL_SECONDS: String(deferredIntervalSeconds),
      // The soak plays many wallets from one address.
      RATE_LIMIT_EXEMPT: '127.0.0.1',
      SESSION_LOG_OTLP_URL: `http://127.0.0.1:${servicePort(services.indexOf('session-log-service'))}/v1/logs`,
    };
    await run(process.execPath, [join(root, 'apps', 'platform', 'dist', 'migrate.js')], { env });

    const processes = new Map<SoakService, SupervisedProcess>();
    services.forEach((service, index) => {
      const port = servicePort(index);
      processes.set(
        service,
        new SupervisedProcess({
          name: service,
          command: process.execPath,
          args: [join(root, 'apps', service, 'dist', 'main.js')],
          env: { ...env, PORT: String(port) },
          ready: () => answers(`http://127.0.0.1:${port}/health/ready`),
        }),
      );
    });
    const upstreams = Object.fromEntries(services.map((service, index) => [`UPSTREAM_${service.replace(/-/g, '_').toUpperCase()}`, `http://127.0.0.1:${servicePort(index)}`]));
    processes.set(
      'gateway',
      new SupervisedProcess({
        name: 'gateway',
        command: process.execPath,
        args: [join(root, 'apps', 'platform', 'dist', 'gateway-main.js')],
        env: { ...env, ...upstreams, PORT: String(gatewayPort) },
        ready: () => answers(`${baseUrl}/.well-known/openid-credential-issuer`),
      }),
    );
    const cluster = new SoakCluster(baseUrl, adminApiKey, databaseUrl, processes, nats, postgres, dataDir);
    try {
      // One first, so keys and secrets are created once; then the others.
      await processes.get('offer-service')!.start();
      for (const service of [...services.slice(1), 'gateway'] as const) await processes.get(service)!.start();
    } catch (error) {
      await cluster.stop();
      throw error;
    }
    return cluster;
  }

  /** What each process logged at error level (the cause of a 5xx): every answer 500, and the last few lines. */
  errorLines(): Record<string, string[]> {
    const lines: Record<string, string[]> = {};
    for (const process of this.processes.values()) {
      const errors = process.recentOutput(200_000).split('\n').filter((line) => line.includes('"level":50'));
      const kept = [...process.internalErrorLines(), ...errors.slice(-5).map((line) => line.slice(0, 600))];
      if (kept.length > 0) lines[process.spec.name] = kept;
    }
    return lines;
  }

  async stop(): Promise<Array<{ name: string; code: number | null; signal: NodeJS.Signals | null }>> {
    const stopped = await Promise.all([...this.processes.values()].map(async (process) => ({ name: process.spec.name, ...(await process.stop('SIGTERM')) })));
    await this.nats.stop('SIGTERM');
    await this.postgres.destroy();
    rmSync(this.dataDir, { recursive: true, force: true });
    return stopped;
  }
}

function answers(url: string): Promise<boolean> {
  return fetch(url, { signal: AbortSignal.timeout(2000) }).then((response) => response.ok, () => false);
}

function tcpOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connectTcp(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}
