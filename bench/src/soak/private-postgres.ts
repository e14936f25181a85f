import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * A PostgreSQL cluster of the soak's own (initdb on a temporary directory, its own port), so it can
 * be restarted without touching the machine's cluster. Run as root, the server runs as `postgres`.
 */
export class PrivatePostgres {
  private constructor(
    private readonly bin: string,
    private readonly dataDir: string,
    readonly port: number,
  ) {}

  static async create(port: number): Promise<PrivatePostgres> {
    const versions = readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a));
    const bin = versions.map((version) => join('/usr/lib/postgresql', version, 'bin')).find((dir) => existsSync(join(dir, 'initdb')));
    if (!bin) throw new Error('no PostgreSQL server binaries under /usr/lib/postgresql');
    const dataDir = mkdtempSync(join(tmpdir(), 'issuer-soak-pg-'));
    if (process.getuid?.() === 0) chownSync(dataDir, ...(await postgresIds()));
    const cluster = new PrivatePostgres(bin, dataDir, port);
    await cluster.asServerUser('initdb', ['-D', join(dataDir, 'data'), '-A', 'trust', '-U', 'postgres', '--no-sync']);
    await cluster.pgCtl('start');
    return cluster;
  }

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  /** A fast shutdown and start: every connection is cut, as a failover or an upgrade would. */
  async restart(): Promise<void> {
    await this.pgCtl('restart', ['-m', 'fast']);
  }

  async destroy(): Promise<void> {
    await this.pgCtl('stop', ['-m', 'immediate']).catch(() => undefined);
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  private pgCtl(action: string, extra: string[] = []): Promise<void> {
    const options = `-p ${this.port} -k ${this.dataDir} -c listen_addresses=127.0.0.1 -c max_connections=200`;
    return this.asServerUser('pg_ctl', ['-D', join(this.dataDir, 'data'), '-l', join(this.dataDir, 'server.log'), '-w', '-o', options, ...extra, action]);
  }

  private async asServerUser(program: string, args: string[]): Promise<void> {
    const path = join(this.bin, program);
    if (process.getuid?.() === 0) await run('runuser', ['-u', 'postgres', '--', path, ...args], { cwd: this.dataDir });
    else await run(path, args, { cwd: this.dataDir });
  }
}

async function postgresIds(): Promise<[number, number]> {
  const { stdout } = await run('id', ['-u', 'postgres']);
  const { stdout: group } = await run('id', ['-g', 'postgres']);
  return [Number(stdout.trim()), Number(group.trim())];
}
