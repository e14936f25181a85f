import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { calculateJwkThumbprint } from 'jose';
import { FileKeyStore } from './file-key-store.js';
import type { KeyPurpose } from './signing-key.js';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'file-key-store-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('FileKeyStore', () => {
  it('generates an ES256 key per purpose at first use, as a PKCS8 PEM file with mode 0600', async () => {
    const keysDir = join(dir, 'first-use', 'keys');
    const key = await new FileKeyStore(keysDir).signingKey('access_token');
    expect(key.alg).toBe('ES256');
    expect(key.kid).toBe(await calculateJwkThumbprint(key.publicJwk));
    const file = join(keysDir, 'access_token.pem');
    expect(await readFile(file, 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await readdir(keysDir)).toEqual(['access_token.pem']);
  });

  it('keeps one ECDH-ES request encryption key for every store of the directory, its private part hidden', async () => {
    const shared = join(dir, 'encryption');
    const keys = await Promise.all(Array.from({ length: 4 }, () => new FileKeyStore(shared).encryptionKey()));
    expect(new Set(keys.map((key) => key.kid)).size).toBe(1);
    expect(keys[0]?.publicJwk).toMatchObject({ kty: 'EC', crv: 'P-256', use: 'enc', alg: 'ECDH-ES', kid: keys[0]?.kid });
    expect(keys[0]?.publicJwk).not.toHaveProperty('d');
    expect(JSON.stringify(keys[0])).not.toContain('PRIVATE');
    expect(Object.keys(keys[0] ?? {})).not.toContain('privateKey');
    expect((await stat(join(shared, 'credential_request_encryption.pem'))).mode & 0o777).toBe(0o600);
  });

  it('gives every store on the same directory the same keys, also when they race to create them', async () => {
    const shared = join(dir, 'shared');
    const stores = Array.from({ length: 8 }, () => new FileKeyStore(shared));
    const kids = await Promise.all(stores.map(async (store) => (await store.signingKey('credential')).kid));
    expect(new Set(kids).size).toBe(1);
    const later = await new FileKeyStore(shared).signingKey('credential');
    expect(later.kid).toBe(kids[0]);
    expect((await readdir(shared)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('keeps purposes apart and lists every public key without private members', async () => {
    const store = new FileKeyStore(join(dir, 'jwks'));
    const { keys } = await store.publicJwks();
    expect(keys).toHaveLength(3);
    expect(new Set(keys.map((key) => key.kid)).size).toBe(3);
    expect(keys.every((key) => key.d === undefined && key.use === 'sig' && key.alg === 'ES256')).toBe(true);
    expect((await store.signingKey('metadata')).kid).toBe(keys[2]?.kid);
  });

  it('refuses a purpose that is not a key purpose', async () => {
    await expect(new FileKeyStore(join(dir, 'bad')).signingKey('../escape' as KeyPurpose)).rejects.toThrow(/unknown key purpose/);
  });
});
