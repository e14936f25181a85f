import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from '@jest/globals';
import { baseUrl } from './support/issuer-api.js';
import { startPlatform, type PlatformUnderTest } from './support/global-setup.js';

const cli = join(import.meta.dirname, '..', 'apps', 'platform', 'dist', 'api-key-cli.js');
const mode = process.env['E2E_MODE'] ?? 'embedded';

async function apiKey(env: Record<string, string>, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => name !== 'DATABASE_URL' && name !== 'DATA_DIR'));
  return promisify(execFile)(process.execPath, [cli, ...args], { env: { ...inherited, ...env } }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );
}

describe('npm run api-key', () => {
  const stops: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const stop of stops) await stop();
  });

  /** The database the CLI works on, and the platform that then takes its keys. */
  async function setUp(): Promise<{ env: Record<string, string>; url: string }> {
    if (mode === 'distributed') {
      const serviceEnv = JSON.parse(process.env['E2E_SERVICE_ENV'] ?? '{}') as Record<string, string>;
      return { env: { DATABASE_URL: serviceEnv['DATABASE_URL'] ?? '' }, url: baseUrl() };
    }
    // PGlite is one process's: the CLI works on the data directory of a platform that is not running yet.
    const dataDir = mkdtempSync(join(tmpdir(), 'issuer-api-key-cli-'));
    stops.push(async () => rmSync(dataDir, { recursive: true, force: true }));
    return { env: { DATA_DIR: dataDir }, url: '' };
  }

  async function platformOn(env: Record<string, string>, url: string): Promise<string> {
    if (url) return url;
    const platform: PlatformUnderTest = await startPlatform('embedded', Number(new URL(baseUrl()).port) + 30, { DATA_DIR: env['DATA_DIR'] ?? '' });
    stops.unshift(async () => void (await platform.stop()));
    return platform.baseUrl;
  }

  it('creates keys the platform takes with their scopes, lists them without secrets, revokes them', async () => {
    const { env, url } = await setUp();
    const created = await apiKey(env, 'create', '--name', 'from the cli', '--scopes', 'read, write');
    expect(created.code).toBe(0);
    expect(created.stderr).toContain('shown only now');
    const key = JSON.parse(created.stdout) as { id: string; key: string };
    expect(key).toMatchObject({ id: expect.stringMatching(/^[0-9a-f]{32}$/), key: expect.stringMatching(/^isk_/), scopes: ['read', 'write'], revoked_at: null });
    const other = JSON.parse((await apiKey(env, 'create', '--name', 'to revoke', '--scopes', 'admin')).stdout) as { id: string; key: string };

    const revoked = await apiKey(env, 'revoke', other.id);
    expect(revoked.code).toBe(0);
    expect(JSON.parse(revoked.stdout)).toMatchObject({ id: other.id, revoked_at: expect.any(String) });
    const unknown = await apiKey(env, 'revoke', 'f'.repeat(32));
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain(`no API key with id ${'f'.repeat(32)}`);

    const listed = await apiKey(env, 'list');
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.stdout)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: key.id, name: 'from the cli', scopes: ['read', 'write'], revoked_at: null }),
        expect.objectContaining({ id: other.id, name: 'to revoke', scopes: ['admin'], revoked_at: expect.any(String) }),
      ]),
    );
    for (const secret of [key.key, other.key]) expect(listed.stdout).not.toContain(secret.split('.')[1]);

    const platform = await platformOn(env, url);
    const status = (path: string, sent: string) => fetch(`${platform}${path}`, { headers: { authorization: `Bearer ${sent}` } }).then((response) => response.status);
    expect(await status('/admin/v1/sessions?limit=1', key.key)).toBe(200);
    expect(await status('/admin/v1/api-keys', key.key)).toBe(403);
    expect(await status('/admin/v1/sessions?limit=1', other.key)).toBe(401);
    expect(await status('/admin/v1/api-keys', other.key)).toBe(401);
  }, 300_000);

  it('refuses a command it does not know, or without what it needs, with its usage', async () => {
    for (const args of [['create', '--name', 'x', '--scopes', 'root'], ['create', '--scopes', 'read'], ['revoke'], ['rotate'], []]) {
      const answer = await apiKey({}, ...args);
      expect(answer.code).toBe(64);
      expect(answer.stderr).toContain('usage: npm run api-key');
    }
  });
});
