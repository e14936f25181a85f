import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ServiceName } from '@issuer/contracts-routes';
import { loadPlatformConfig } from '@issuer/nest';
import { closeGateway, startGateway } from './gateway.js';

/**
 * `npm run start:distributed`: the five services as separate processes on Postgres (DATABASE_URL)
 * and NATS JetStream (NATS_URL), behind one entry point on PORT that routes like the mesh.
 */
const config = loadPlatformConfig();
const appsDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const basePort = Number(process.env['SERVICES_BASE_PORT'] ?? config.port + 1);
const services: ServiceName[] = ['offer-service', 'auth-service', 'credential-service', 'deferred-service', 'session-log-service'];
const ports = Object.fromEntries(services.map((service, index) => [service, basePort + index])) as Record<ServiceName, number>;
const adminApiKey = config.adminApiKey ?? randomBytes(24).toString('base64url');

await run(process.execPath, [join(appsDir, 'platform', 'dist', 'migrate.js')]);

const children: ChildProcess[] = services.map((service) =>
  spawn(process.execPath, [join(appsDir, service, 'dist', 'main.js')], {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: {
      ...process.env,
      PORT: String(ports[service]),
      HOST: '127.0.0.1',
      PUBLIC_URL: config.publicUrl,
      ADMIN_API_KEY: adminApiKey,
      KEYS_DIR: config.keysDir,
      SESSION_LOG_OTLP_URL: `http://127.0.0.1:${ports['session-log-service']}/v1/logs`,
    },
  }),
);
for (const child of children) {
  child.once('exit', (code, signal) => {
    if (!stopping) {
      process.stderr.write(`a service exited (code ${code}, signal ${signal}); stopping\n`);
      void stop(1);
    }
  });
}

const upstreams = Object.fromEntries(services.map((service) => [service, new URL(`http://127.0.0.1:${ports[service]}`)])) as Record<ServiceName, URL>;
const gateway = await startGateway(config.port, config.host, upstreams);
process.stdout.write(
  [
    `Issuer platform (distributed) on ${config.publicUrl}, gateway port ${config.port}`,
    ...services.map((service) => `  ${service.padEnd(20)} 127.0.0.1:${ports[service]}`),
    config.adminApiKey ? '  Admin API key       from ADMIN_API_KEY' : `  Admin API key       ${adminApiKey}   (generated)`,
    '',
  ].join('\n'),
);

let stopping = false;
/** Every service answers what it has in flight and stops (exitOnSignals); the launcher fails when one of them did not stop cleanly. */
async function stop(code: number): Promise<void> {
  stopping = true;
  const closed = closeGateway(gateway);
  const exitCodes = await Promise.all(children.map((child) => new Promise<number>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve(child.exitCode ?? 1) : (child.once('exit', (exitCode) => resolve(exitCode ?? 1)), child.kill('SIGTERM'))))));
  await closed;
  process.exit(Math.max(code, ...exitCodes));
}
for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => void stop(0));

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: 'inherit', env: process.env });
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${args.join(' ')} exited with ${code}`))));
  });
}
