import { describe, expect, it } from '@jest/globals';
import { createPublicKey, generateKeyPairSync, X509Certificate } from 'node:crypto';
import { createIssuerCertificates } from './create-issuer-certificates.js';
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

  it('offers request encryption only with ISSUER_KEY_CREDENTIAL_REQUEST_ENCRYPTION, naming the variable when it is wrong', async () => {
    expect(new EnvKeyStore({ ISSUER_KEY_CREDENTIAL: ecPem }).encryptionKey).toBeUndefined();
    const key = await new EnvKeyStore({ ISSUER_KEY_CREDENTIAL_REQUEST_ENCRYPTION: ecPem }).encryptionKey?.();
    expect(key?.publicJwk).toMatchObject({ kty: 'EC', crv: 'P-256', use: 'enc', alg: 'ECDH-ES' });
    await expect(new EnvKeyStore({ ISSUER_KEY_CREDENTIAL_REQUEST_ENCRYPTION: 'nonsense' }).encryptionKey?.()).rejects.toThrow('ISSUER_KEY_CREDENTIAL_REQUEST_ENCRYPTION is neither a PEM nor a JSON JWK');
    await expect(new EnvKeyStore({ ISSUER_KEY_CREDENTIAL_REQUEST_ENCRYPTION: JSON.stringify(edJwk) }).encryptionKey?.()).rejects.toThrow('ISSUER_KEY_CREDENTIAL_REQUEST_ENCRYPTION');
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

describe('EnvKeyStore with ISSUER_TRUST_ANCHOR_PEM', () => {
  const issuerUrl = 'https://issuer.example.com';
  const credentialKey = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
  const credentialPem = credentialKey.export({ type: 'pkcs8', format: 'pem' }) as string;

  it('has no trust anchors when it is not set', async () => {
    expect(await new EnvKeyStore({ ISSUER_KEY_CREDENTIAL: credentialPem }).trustAnchors()).toEqual([]);
  });

  it('exposes the trust anchors and serves a credential chain that ends at one of them', async () => {
    const issued = await createIssuerCertificates({ issuerUrl, publicKey: credentialKey });
    const other = await createIssuerCertificates({ issuerUrl, publicKey: credentialKey });
    const store = new EnvKeyStore({
      ISSUER_KEY_CREDENTIAL: credentialPem,
      ISSUER_KEY_CREDENTIAL_X5C: issued.documentSigner.pem,
      ISSUER_TRUST_ANCHOR_PEM: `${other.iaca.pem}\n${issued.iaca.pem}`,
    });
    expect(await store.trustAnchors()).toEqual([other.iaca.pem, issued.iaca.pem]);
    const key = await store.signingKey('credential');
    expect(key.x5c).toEqual([issued.documentSigner.der]);
    const leaf = new X509Certificate(Buffer.from(key.x5c?.[0] ?? '', 'base64'));
    expect(leaf.publicKey.equals(createPublicKey(key.privateKey))).toBe(true);
  });

  it('refuses a credential chain that no trust anchor issued, or whose leaf is not the key', async () => {
    const issued = await createIssuerCertificates({ issuerUrl, publicKey: credentialKey });
    const stranger = await createIssuerCertificates({ issuerUrl, publicKey: credentialKey });
    const untrusted = new EnvKeyStore({ ISSUER_KEY_CREDENTIAL: credentialPem, ISSUER_KEY_CREDENTIAL_X5C: issued.documentSigner.pem, ISSUER_TRUST_ANCHOR_PEM: stranger.iaca.pem });
    await expect(untrusted.signingKey('credential')).rejects.toThrow(/^ISSUER_KEY_CREDENTIAL_X5C: x5c\[0\] \(C=XX, CN=issuer.example.com Document Signer\) is not issued by a trust anchor$/);

    const otherKey = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    const mismatched = new EnvKeyStore({ ISSUER_KEY_CREDENTIAL: otherKey, ISSUER_KEY_CREDENTIAL_X5C: issued.documentSigner.pem, ISSUER_TRUST_ANCHOR_PEM: issued.iaca.pem });
    await expect(mismatched.signingKey('credential')).rejects.toThrow(/^ISSUER_KEY_CREDENTIAL_X5C: x5c\[0\] .* does not hold the signing key$/);
  });

  it('names the variable, never its value, when it holds no CA certificate', async () => {
    const issued = await createIssuerCertificates({ issuerUrl, publicKey: credentialKey });
    const garbage = `-----BEGIN CERTIFICATE-----\nc2VjcmV0LW1hdGVyaWFs\n-----END CERTIFICATE-----`;
    const errors = await Promise.all(
      [garbage, 'no certificate here', ' , ', issued.documentSigner.pem].map((value) => new EnvKeyStore({ ISSUER_TRUST_ANCHOR_PEM: value }).trustAnchors().catch((e: unknown) => e as Error)),
    );
    expect(errors.map((error) => error instanceof KeyStoreError && error.message)).toEqual([
      'ISSUER_TRUST_ANCHOR_PEM: certificate 1 is not an X.509 certificate',
      'ISSUER_TRUST_ANCHOR_PEM: certificate 1 is not an X.509 certificate',
      'ISSUER_TRUST_ANCHOR_PEM holds no certificate',
      'ISSUER_TRUST_ANCHOR_PEM: certificate 1 (C=XX, CN=issuer.example.com Document Signer) is not a CA certificate',
    ]);
    expect(errors.some((error) => String(error).includes('c2VjcmV0'))).toBe(false);
  });
});
