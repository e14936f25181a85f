import { describe, expect, it } from '@jest/globals';
import { generateKeyPairSync } from 'node:crypto';
import { KeyStoreError } from './crypto-errors.js';
import { EnvKeyStore } from './env-key-store.js';
import { signJwt } from './sign-jwt.js';
import { decodeJws } from './decode-jws.js';
import { verifyJwsSignature } from './verify-jws-signature.js';

const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
const ecPem = ec.export({ type: 'pkcs8', format: 'pem' }) as string;
const sec1Pem = ec.export({ type: 'sec1', format: 'pem' }) as string;
const ed = generateKeyPairSync('ed25519').privateKey;
const edJwk = { ...ed.export({ format: 'jwk' }), kid: 'ed-1' };

describe('EnvKeyStore', () => {
  it('reads PKCS8 and SEC1 PEM keys per purpose and signs verifiable JWTs', async () => {
    const store = new EnvKeyStore({ ISSUER_KEY_ACCESS_TOKEN: ecPem, ISSUER_KEY_CREDENTIAL: sec1Pem });
    const accessTokenKey = await store.signingKey('access_token');
    expect(accessTokenKey.alg).toBe('ES256');
    expect((await store.signingKey('credential')).kid).toBe(accessTokenKey.kid);
    const jwt = signJwt({ header: { kid: accessTokenKey.kid }, payload: { a: 1 } }, accessTokenKey);
    expect(verifyJwsSignature(decodeJws(jwt), accessTokenKey.publicJwk, 'ES256')).toBe(true);
  });

  it('reads a private JWK with its kid and alg', async () => {
    const key = await new EnvKeyStore({ ISSUER_KEY_METADATA: JSON.stringify(edJwk) }).signingKey('metadata');
    expect(key).toMatchObject({ kid: 'ed-1', alg: 'EdDSA' });
  });

  it('takes the alg from ISSUER_KEY_<PURPOSE>_ALG', async () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    const key = await new EnvKeyStore({ ISSUER_KEY_CREDENTIAL: rsa, ISSUER_KEY_CREDENTIAL_ALG: 'PS256' }).signingKey('credential');
    expect(key.alg).toBe('PS256');
  });

  it('lists the public keys of configured purposes once each', async () => {
    const store = new EnvKeyStore({ ISSUER_KEY_ACCESS_TOKEN: ecPem, ISSUER_KEY_CREDENTIAL: ecPem, ISSUER_KEY_METADATA: JSON.stringify(edJwk) });
    const { keys } = await store.publicJwks();
    expect(keys.map((key) => key.kid)).toHaveLength(2);
    expect(keys.every((key) => key.d === undefined)).toBe(true);
  });

  it('names a missing variable', async () => {
    await expect(new EnvKeyStore({}).signingKey('credential')).rejects.toThrow(new KeyStoreError('ISSUER_KEY_CREDENTIAL is not set'));
  });

  it('never repeats a malformed value in its error', async () => {
    const secretLooking = 'not-json-but-secret-material-123';
    const error = await new EnvKeyStore({ ISSUER_KEY_ACCESS_TOKEN: secretLooking }).signingKey('access_token').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KeyStoreError);
    expect(String((error as Error).message)).not.toContain('secret-material');
    expect((error as Error).cause).toBeUndefined();
    const brokenPem = `-----BEGIN PRIVATE KEY-----\nsecretmaterial\n-----END PRIVATE KEY-----`;
    const pemError = await new EnvKeyStore({ ISSUER_KEY_ACCESS_TOKEN: brokenPem }).signingKey('access_token').catch((e: unknown) => e);
    expect(String((pemError as Error).message)).not.toContain('secretmaterial');
  });

  it('refuses a public JWK where a private key is expected', async () => {
    const publicJwk = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ format: 'jwk' });
    await expect(new EnvKeyStore({ ISSUER_KEY_CREDENTIAL: JSON.stringify(publicJwk) }).signingKey('credential')).rejects.toThrow(/not a private JWK/);
  });
});
