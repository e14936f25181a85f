import { describe, expect, it } from '@jest/globals';
import { createPrivateKey, createPublicKey, generateKeyPairSync, X509Certificate } from 'node:crypto';
import { checkX5cChain, checkX5cTrustAnchor, parseX5c } from './check-x5c-chain.js';
import { KeyStoreError, X5cError } from './crypto-errors.js';
import { EnvKeyStore } from './env-key-store.js';

// Test fixtures made with openssl: a root CA, an issuer certificate it signed, and a self-signed
// certificate for the same issuer key.
const ROOT_CA =
  'MIIBljCCATugAwIBAgIUDRLHD0eZKfCn9kmaTBtXNZSm74MwCgYIKoZIzj0EAwIwFzEVMBMGA1UEAwwMVGVzdCBSb290IENBMCAXDTI2MTEyMjIyMzcxMVoYDzIxMjYxMDI5MjIzNzExWjAXMRUwEwYDVQQDDAxUZXN0IFJvb3QgQ0EwWTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAAToDG/Jg0BVyHRJ1gqnjviBzV8OhVRkqS1uMONdx59n5YCWKwSSrf6/AHUSF5BaBqxSo7Bk9VoNgo75YP6/6yR6o2MwYTAdBgNVHQ4EFgQUX7I5RZUesizwZE5eOx5khXeCW0kwHwYDVR0jBBgwFoAUX7I5RZUesizwZE5eOx5khXeCW0kwDwYDVR0TAQH/BAUwAwEB/zAOBgNVHQ8BAf8EBAMCAQYwCgYIKoZIzj0EAwIDSQAwRgIhAMC4BonRaDBRP4wEsT+x6i+pEWR4HZ5GSgGvu3ZJbYF4AiEA4kaUum6/MhUERuLpIUpdyWk/MTHfZJR7/w2yCDOhC34=';
const ISSUER =
  'MIIBjzCCATSgAwIBAgIUS6tleo+IahCudCeC+FLibno6cagwCgYIKoZIzj0EAwIwFzEVMBMGA1UEAwwMVGVzdCBSb290IENBMCAXDTI2MTEyMjIyMzcxMVoYDzIxMjYxMDI5MjIzNzExWjAWMRQwEgYDVQQDDAtUZXN0IElzc3VlcjBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABFCikXzo5KHI+cDxW1A9PGMfA6qFlARbD2aiUoukQvpTAhg6JVq6oSR5LJLkwGw8OD36F8CsFLM4vk+J8HC945GjXTBbMAkGA1UdEwQCMAAwDgYDVR0PAQH/BAQDAgeAMB0GA1UdDgQWBBRp62RNuvVwEYgd4V1fOzrfj4BVgTAfBgNVHSMEGDAWgBRfsjlFlR6yLPBkTl47HmSFd4JbSTAKBggqhkjOPQQDAgNJADBGAiEAt27INUqcFVLfQLdiTMJIk/Vq8L5C/gwSHL5Xa9o2XUECIQCvufwU5jEiFDi2/FgfFNckF+0tSE0CuGSCTBJ9e/aTdQ==';
const SELF_SIGNED_ISSUER =
  'MIIBkTCCATegAwIBAgIUcyT8CusQzdjDsAFjnrugY2UtFfMwCgYIKoZIzj0EAwIwHTEbMBkGA1UEAwwSU2VsZiBTaWduZWQgSXNzdWVyMCAXDTI2MTEyMjIyMzcxMVoYDzIxMjYxMDI5MjIzNzExWjAdMRswGQYDVQQDDBJTZWxmIFNpZ25lZCBJc3N1ZXIwWTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAARQopF86OShyPnA8VtQPTxjHwOqhZQEWw9molKLpEL6UwIYOiVauqEkeSyS5MBsPDg9+hfArBSzOL5PifBwveORo1MwUTAdBgNVHQ4EFgQUaetkTbr1cBGIHeFdXzs634+AVYEwHwYDVR0jBBgwFoAUaetkTbr1cBGIHeFdXzs634+AVYEwDwYDVR0TAQH/BAUwAwEB/zAKBggqhkjOPQQDAgNIADBFAiEAv92m8mw6LTrjfYtGuM7MsXNnXNL3cvkWCBRJE5qD3TYCIH4h4aJ5znUPyBST/Y7aEju68sEPlTLq3Cw26UWex3Lf';
const ISSUER_KEY_PEM = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgOgX6i1evrGMphzTH
gJMu9snYhzcnzwPwKw27ainzL+GhRANCAARQopF86OShyPnA8VtQPTxjHwOqhZQE
Ww9molKLpEL6UwIYOiVauqEkeSyS5MBsPDg9+hfArBSzOL5PifBwveOR
-----END PRIVATE KEY-----`;

const issuerKey = createPublicKey(createPrivateKey(ISSUER_KEY_PEM));

function x5cError(x5c: string[], key = issuerKey): X5cError {
  try {
    checkX5cChain(x5c, key);
  } catch (error) {
    if (error instanceof X5cError) return error;
    throw error;
  }
  throw new Error('checkX5cChain accepted the chain');
}

describe('checkX5cChain (HAIP 1.0 Sections 4.1, 6.1)', () => {
  it('accepts the issuer certificate alone, without the trust anchor', () => {
    expect(() => checkX5cChain([ISSUER], issuerKey)).not.toThrow();
  });

  it('refuses a chain that includes the trust anchor', () => {
    expect(x5cError([ISSUER, ROOT_CA])).toMatchObject({ code: 'ERR_X5C_SELF_SIGNED', message: expect.stringContaining('x5c[1]') });
  });

  it('refuses a self-signed signing certificate', () => {
    expect(x5cError([SELF_SIGNED_ISSUER]).code).toBe('ERR_X5C_SELF_SIGNED');
  });

  it('refuses a certificate that does not hold the signing key', () => {
    const other = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey;
    expect(x5cError([ISSUER], other).code).toBe('ERR_X5C_KEY_MISMATCH');
  });

  it('refuses a chain whose next certificate did not issue the previous one', () => {
    expect(x5cError([ISSUER, SELF_SIGNED_ISSUER]).code).toBe('ERR_X5C_CHAIN');
  });

  it('refuses an empty chain and a value that is not a certificate', () => {
    expect(x5cError([]).code).toBe('ERR_X5C_EMPTY');
    expect(x5cError(['bm90IGEgY2VydA==']).code).toBe('ERR_X5C_PARSE');
  });
});

describe('checkX5cTrustAnchor', () => {
  const root = new X509Certificate(Buffer.from(ROOT_CA, 'base64'));
  const selfSigned = new X509Certificate(Buffer.from(SELF_SIGNED_ISSUER, 'base64'));

  it('accepts a chain whose last certificate a trust anchor issued', () => {
    expect(() => checkX5cTrustAnchor([ISSUER], [selfSigned, root])).not.toThrow();
  });

  it('refuses a chain no trust anchor issued, and an empty one', () => {
    expect(() => checkX5cTrustAnchor([ISSUER], [selfSigned])).toThrow(expect.objectContaining({ code: 'ERR_X5C_UNTRUSTED', message: 'x5c[0] (CN=Test Issuer) is not issued by a trust anchor' }));
    expect(() => checkX5cTrustAnchor([ISSUER], [])).toThrow(expect.objectContaining({ code: 'ERR_X5C_UNTRUSTED' }));
    expect(() => checkX5cTrustAnchor([], [root])).toThrow(expect.objectContaining({ code: 'ERR_X5C_EMPTY' }));
  });
});

describe('parseX5c', () => {
  it('reads a PEM bundle and a comma-separated list into base64 DER, leaf first', () => {
    const pem = [ISSUER, ROOT_CA].map((der) => `-----BEGIN CERTIFICATE-----\n${der.match(/.{1,64}/g)?.join('\n')}\n-----END CERTIFICATE-----`).join('\n');
    expect(parseX5c(pem)).toEqual([ISSUER, ROOT_CA]);
    expect(parseX5c(` ${ISSUER} , ${ROOT_CA} `)).toEqual([ISSUER, ROOT_CA]);
  });
});

describe('EnvKeyStore with ISSUER_KEY_<PURPOSE>_X5C', () => {
  it('serves the chain with the key when HAIP allows it', async () => {
    const store = new EnvKeyStore({ ISSUER_KEY_CREDENTIAL: ISSUER_KEY_PEM, ISSUER_KEY_CREDENTIAL_X5C: ISSUER });
    const key = await store.signingKey('credential');
    expect(key.x5c).toEqual([ISSUER]);
    expect(key.publicJwk.x5c).toEqual([ISSUER]);
  });

  it('O4: refuses to sign (signed metadata included) with a self-signed certificate or with the trust anchor in the chain', async () => {
    const selfSigned = new EnvKeyStore({ ISSUER_KEY_CREDENTIAL: ISSUER_KEY_PEM, ISSUER_KEY_CREDENTIAL_X5C: SELF_SIGNED_ISSUER });
    await expect(selfSigned.signingKey('credential')).rejects.toThrow(KeyStoreError);
    const withAnchor = new EnvKeyStore({ ISSUER_KEY_METADATA: ISSUER_KEY_PEM, ISSUER_KEY_METADATA_X5C: `${ISSUER},${ROOT_CA}` });
    await expect(withAnchor.signingKey('metadata')).rejects.toThrow(/^ISSUER_KEY_METADATA_X5C: x5c\[1\].*self-signed/);
  });
});
