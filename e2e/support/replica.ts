import { spawn } from 'node:child_process';
import { join } from 'node:path';

export interface Replica {
  url: string;
  stop(): Promise<void>;
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
  const child = spawn(process.execPath, [entry], { env: { ...process.env, ...serviceEnv, PORT: String(port) }, stdio: ['ignore', 'ignore', 'pipe'] });
  const output: string[] = [];
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  const stop = () => new Promise<void>((resolve) => (child.exitCode !== null ? resolve() : (child.once('exit', () => resolve()), child.kill('SIGTERM'))));
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
