import { spawn } from 'node:child_process';
import { join } from 'node:path';

export interface Replica {
  url: string;
  /** SIGTERM; resolves with how the process ended and what it wrote to stderr. */
  stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }>;
}

export type ReplicatedService = 'auth-service' | 'credential-service' | 'deferred-service';

const readiness: Record<ReplicatedService, string> = {
  'auth-service': '/.well-known/oauth-authorization-server',
  'credential-service': '/.well-known/openid-credential-issuer',
  'deferred-service': '/health/ready',
};

/** True when the suite runs against the distributed platform, whose services can be replicated. */
export const replicable = (): boolean => process.env['E2E_SERVICE_ENV'] !== undefined;

/**
 * Distributed mode: one more process of a service on the platform's database, NATS stream and keys,
 * as a second pod behind the mesh would run. It is reached directly, not through the gateway.
 */
export async function startReplica(service: ReplicatedService, port: number): Promise<Replica> {
  const serviceEnv = JSON.parse(process.env['E2E_SERVICE_ENV'] as string) as Record<string, string>;
  const entry = join(import.meta.dirname, '..', '..', 'apps', service, 'dist', 'main.js');
  const child = spawn(process.execPath, [entry], { env: { ...process.env, ...serviceEnv, PORT: String(port), LOG_LEVEL: 'info' }, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  const ended = () => ({ code: child.exitCode, signal: child.signalCode, output: output.join('') });
  const stop = () =>
    new Promise<ReturnType<typeof ended>>((resolve) =>
      child.exitCode !== null || child.signalCode !== null ? resolve(ended()) : (child.once('exit', () => resolve(ended())), child.kill('SIGTERM')),
    );
  const deadline = Date.now() + 30_000;
  while (!(await fetch(`${url}${readiness[service]}`).then((response) => response.ok, () => false))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`the ${service} replica did not start:\n${output.join('').slice(-2000)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { url, stop };
}
