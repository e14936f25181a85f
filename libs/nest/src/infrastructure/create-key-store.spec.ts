import { describe, expect, it } from '@jest/globals';
import { generateKeyPairSync } from 'node:crypto';
import { EnvKeyStore, FileKeyStore } from '@issuer/crypto';
import { createKeyStore } from './create-key-store.js';

const config = { keysDir: '/tmp/unused-keys', publicUrl: 'https://issuer.example.com' };
const pem = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;

describe('createKeyStore', () => {
  it('uses the keys the operator gives in the environment', async () => {
    const store = createKeyStore(config, { ISSUER_KEY_CREDENTIAL: pem, ISSUER_KEY_ACCESS_TOKEN: pem, ISSUER_KEY_METADATA: pem });
    expect(store).toBeInstanceOf(EnvKeyStore);
    expect((await store.signingKey('credential')).alg).toBe('ES256');
  });

  it('generates keys under KEYS_DIR otherwise', () => {
    expect(createKeyStore(config, {})).toBeInstanceOf(FileKeyStore);
  });
});
