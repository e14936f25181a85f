import { createPrivateKey, generateKeyPair } from 'node:crypto';
import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { KeyStoreError } from './crypto-errors.js';
import type { KeyStore } from './key-store.js';
import type { JWK } from './jwk.js';
import { randomToken } from './random-token.js';
import { createSigningKey, KEY_PURPOSES, type KeyPurpose, type SigningKey } from './signing-key.js';

const generateEcKeyPair = promisify(generateKeyPair);

/**
 * One ES256 key per purpose in `<dir>/<purpose>.pem` (PKCS8, mode 0600), generated at first use.
 * Creation is a hard link of a fully written temporary file, which succeeds for exactly one of the
 * processes sharing the directory; the others read the winner's key.
 */
export class FileKeyStore implements KeyStore {
  readonly #dir: string;
  readonly #keys = new Map<KeyPurpose, Promise<SigningKey>>();

  constructor(dir: string) {
    this.#dir = dir;
  }

  signingKey(purpose: KeyPurpose): Promise<SigningKey> {
    if (!KEY_PURPOSES.includes(purpose)) return Promise.reject(new KeyStoreError(`unknown key purpose ${JSON.stringify(purpose)}`));
    let key = this.#keys.get(purpose);
    if (key === undefined) {
      key = this.#load(purpose);
      this.#keys.set(purpose, key);
      key.catch(() => this.#keys.delete(purpose));
    }
    return key;
  }

  async publicJwks(): Promise<{ keys: JWK[] }> {
    const keys = await Promise.all(KEY_PURPOSES.map((purpose) => this.signingKey(purpose)));
    return { keys: keys.map((key) => key.publicJwk) };
  }

  async #load(purpose: KeyPurpose): Promise<SigningKey> {
    const file = join(this.#dir, `${purpose}.pem`);
    const pem = (await readIfExists(file)) ?? (await this.#create(file));
    return createSigningKey({ privateKey: createPrivateKey(pem), alg: 'ES256' });
  }

  async #create(file: string): Promise<string> {
    await mkdir(this.#dir, { recursive: true, mode: 0o700 });
    const { privateKey } = await generateEcKeyPair('ec', { namedCurve: 'P-256' });
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    const temporary = `${file}.${process.pid}.${randomToken(6)}.tmp`;
    await writeFile(temporary, pem, { mode: 0o600, flag: 'wx' });
    try {
      await link(temporary, file);
      return pem;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return readFile(file, 'utf8');
      throw error;
    } finally {
      await unlink(temporary).catch(() => undefined);
    }
  }
}

async function readIfExists(file: string): Promise<string | null> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}
