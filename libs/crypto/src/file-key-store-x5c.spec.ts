import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createPrivateKey, createPublicKey, generateKeyPairSync, X509Certificate } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { checkX5cChain, checkX5cTrustAnchor } from './check-x5c-chain.js';
import { createDocumentSignerCertificate } from './create-document-signer-certificate.js';
import { createIssuerCertificates } from './create-issuer-certificates.js';
import { KeyStoreError } from './crypto-errors.js';
import { FileKeyStore } from './file-key-store.js';
import type { KeyStore } from './key-store.js';
import { x509 } from './x509.js';

const ISSUER_URL = 'https://issuer.example.com/tenant-1';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'file-key-store-x5c-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function leafOf(x5c: readonly string[] | undefined): X509Certificate {
  expect(x5c).toHaveLength(1);
  return new X509Certificate(Buffer.from(x5c?.[0] ?? '', 'base64'));
}

function subjectAltNames(certificate: X509Certificate): unknown {
  return new x509.X509Certificate(certificate.raw).getExtension(x509.SubjectAlternativeNameExtension)?.names.toJSON();
}

async function x5cAndAnchors(store: KeyStore): Promise<{ x5c: string[] | undefined; anchors: string[] | undefined }> {
  const [key, anchors] = await Promise.all([store.signingKey('credential'), store.trustAnchors?.()]);
  return { x5c: key.x5c, anchors };
}

describe('FileKeyStore without an issuer URL', () => {
  it('gives the credential key no x5c, has no trust anchors and writes no certificate files', async () => {
    const keysDir = join(dir, 'plain');
    const store = new FileKeyStore(keysDir);
    expect((await store.signingKey('credential')).x5c).toBeUndefined();
    expect(await store.trustAnchors()).toEqual([]);
    expect(await readdir(keysDir)).toEqual(['credential.pem']);
  });
});

describe('FileKeyStore with an issuer URL', () => {
  it('gives the credential key an x5c of its Document Signer certificate alone, issued by the trust anchor it exposes', async () => {
    const keysDir = join(dir, 'issued');
    const store = new FileKeyStore(keysDir, { issuerUrl: ISSUER_URL });
    const key = await store.signingKey('credential');
    const leaf = leafOf(key.x5c);
    expect(leaf.publicKey.equals(createPublicKey(key.privateKey))).toBe(true);
    expect(key.publicJwk.x5c).toEqual(key.x5c);
    expect(() => checkX5cChain(key.x5c ?? [], createPublicKey(key.privateKey))).not.toThrow();
    expect(subjectAltNames(leaf)).toEqual([
      { type: 'url', value: ISSUER_URL },
      { type: 'dns', value: 'issuer.example.com' },
    ]);

    const anchors = await store.trustAnchors();
    expect(anchors).toHaveLength(1);
    const anchor = new X509Certificate(anchors[0] ?? '');
    expect(anchor.ca).toBe(true);
    expect(leaf.checkIssued(anchor) && leaf.verify(anchor.publicKey)).toBe(true);
    const chain = await new x509.X509ChainBuilder({ certificates: [new x509.X509Certificate(anchor.raw)] }).build(new x509.X509Certificate(leaf.raw));
    expect(chain).toHaveLength(2);
  });

  it('keeps the IACA key (mode 0600), the IACA and the Document Signer certificate next to the keys', async () => {
    const keysDir = join(dir, 'files');
    const store = new FileKeyStore(keysDir, { issuerUrl: ISSUER_URL });
    const key = await store.signingKey('credential');
    expect((await readdir(keysDir)).sort()).toEqual(['credential.pem', 'credential.x5c.pem', 'iaca.key.pem', 'iaca.pem']);
    expect((await stat(join(keysDir, 'iaca.key.pem'))).mode & 0o777).toBe(0o600);
    const iacaKey = createPrivateKey(await readFile(join(keysDir, 'iaca.key.pem'), 'utf8'));
    expect(new X509Certificate(await readFile(join(keysDir, 'iaca.pem'), 'utf8')).publicKey.equals(createPublicKey(iacaKey))).toBe(true);
    expect(new X509Certificate(await readFile(join(keysDir, 'credential.x5c.pem'), 'utf8')).raw.toString('base64')).toBe(key.x5c?.[0]);
    expect(await store.trustAnchors()).toEqual([await readFile(join(keysDir, 'iaca.pem'), 'utf8')]);
  });

  it('gives the metadata key a certificate of its own from the same IACA, and the access token key none', async () => {
    const keysDir = join(dir, 'purposes');
    const store = new FileKeyStore(keysDir, { issuerUrl: ISSUER_URL });
    expect((await store.signingKey('access_token')).x5c).toBeUndefined();
    const metadata = await store.signingKey('metadata');
    const credential = await store.signingKey('credential');
    expect(metadata.x5c).toEqual([new X509Certificate(await readFile(join(keysDir, 'metadata.x5c.pem'), 'utf8')).raw.toString('base64')]);
    expect(metadata.x5c).not.toEqual(credential.x5c);
    checkX5cChain(metadata.x5c!, createPublicKey(metadata.privateKey));
    const [anchor] = await store.trustAnchors();
    checkX5cTrustAnchor(metadata.x5c!, [new X509Certificate(anchor!)]);
    expect((await store.publicJwks()).keys.map((jwk) => jwk.x5c !== undefined)).toEqual([false, true, true]);
  });

  it('gives a second store on the same directory the same certificates', async () => {
    const keysDir = join(dir, 'second');
    const first = await x5cAndAnchors(new FileKeyStore(keysDir, { issuerUrl: ISSUER_URL }));
    const second = await x5cAndAnchors(new FileKeyStore(keysDir, { issuerUrl: ISSUER_URL }));
    expect(second).toEqual(first);
  });

  it('makes stores racing on a fresh directory agree on the key, the certificate and the trust anchor', async () => {
    const keysDir = join(dir, 'race');
    const results = await Promise.all(Array.from({ length: 8 }, () => x5cAndAnchors(new FileKeyStore(keysDir, { issuerUrl: ISSUER_URL }))));
    expect(new Set(results.map((result) => JSON.stringify(result))).size).toBe(1);
    expect(await x5cAndAnchors(new FileKeyStore(keysDir, { issuerUrl: ISSUER_URL }))).toEqual(results[0]);
    expect((await readdir(keysDir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('re-issues the Document Signer certificate under the same root when the issuer URL changes', async () => {
    const keysDir = join(dir, 'moved');
    const before = new FileKeyStore(keysDir, { issuerUrl: ISSUER_URL });
    const beforeKey = await before.signingKey('credential');
    const movedUrl = 'https://credentials.example.org';
    const after = new FileKeyStore(keysDir, { issuerUrl: movedUrl });
    const afterKey = await after.signingKey('credential');

    expect(afterKey.kid).toBe(beforeKey.kid);
    expect(afterKey.x5c).not.toEqual(beforeKey.x5c);
    expect(await after.trustAnchors()).toEqual(await before.trustAnchors());
    const leaf = leafOf(afterKey.x5c);
    expect(subjectAltNames(leaf)).toEqual([
      { type: 'url', value: movedUrl },
      { type: 'dns', value: 'credentials.example.org' },
    ]);
    const anchor = new X509Certificate((await after.trustAnchors())[0] ?? '');
    expect(leaf.verify(anchor.publicKey)).toBe(true);
    expect((await x5cAndAnchors(new FileKeyStore(keysDir, { issuerUrl: movedUrl }))).x5c).toEqual(afterKey.x5c);
  });

  it('makes stores racing to re-issue the Document Signer certificate agree on one, keeping only the latest successor file', async () => {
    const keysDir = join(dir, 'race-reissue');
    await new FileKeyStore(keysDir, { issuerUrl: ISSUER_URL }).signingKey('credential');
    for (const issuerUrl of ['https://b.example.com', 'https://c.example.com']) {
      const results = await Promise.all(Array.from({ length: 8 }, () => x5cAndAnchors(new FileKeyStore(keysDir, { issuerUrl }))));
      expect(new Set(results.map((result) => JSON.stringify(result))).size).toBe(1);
      expect(subjectAltNames(leafOf(results[0]?.x5c))).toContainEqual({ type: 'url', value: issuerUrl });
      expect(new X509Certificate(await readFile(join(keysDir, 'credential.x5c.pem'), 'utf8')).raw.toString('base64')).toBe(results[0]?.x5c?.[0]);
    }
    const names = await readdir(keysDir);
    expect(names.filter((name) => name.endsWith('.next'))).toHaveLength(1);
    expect(names.filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('re-issues an expired Document Signer certificate and one for another key', async () => {
    const keysDir = join(dir, 'stale');
    const first = await x5cAndAnchors(new FileKeyStore(keysDir, { issuerUrl: ISSUER_URL }));
    const iaca = { certificate: await readFile(join(keysDir, 'iaca.pem'), 'utf8'), privateKey: createPrivateKey(await readFile(join(keysDir, 'iaca.key.pem'), 'utf8')) };
    const credentialKey = createPrivateKey(await readFile(join(keysDir, 'credential.pem'), 'utf8'));
    const anchor = new X509Certificate(iaca.certificate);

    const expired = await createDocumentSignerCertificate({ iaca, publicKey: credentialKey, issuerUrl: ISSUER_URL, notBefore: anchor.validFromDate, notAfter: new Date(Date.now() - 1000) });
    await writeFile(join(keysDir, 'credential.x5c.pem'), expired.pem);
    const renewed = await x5cAndAnchors(new FileKeyStore(keysDir, { issuerUrl: ISSUER_URL }));
    expect(renewed.x5c).not.toEqual([expired.der]);
    expect(renewed.x5c).not.toEqual(first.x5c);
    expect(leafOf(renewed.x5c).validToDate.getTime()).toBeGreaterThan(Date.now());
    expect(renewed.anchors).toEqual(first.anchors);

    const otherKey = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey;
    const foreign = await createDocumentSignerCertificate({ iaca, publicKey: otherKey, issuerUrl: ISSUER_URL });
    await writeFile(join(keysDir, 'credential.x5c.pem'), foreign.pem);
    const rekeyed = await x5cAndAnchors(new FileKeyStore(keysDir, { issuerUrl: ISSUER_URL }));
    expect(leafOf(rekeyed.x5c).publicKey.equals(createPublicKey(credentialKey))).toBe(true);
    expect(rekeyed.anchors).toEqual(first.anchors);
  });

  it('shows no private key material in JSON or util.inspect of anything it returns', async () => {
    const keysDir = join(dir, 'secrets');
    const store = new FileKeyStore(keysDir, { issuerUrl: ISSUER_URL });
    const key = await store.signingKey('credential');
    const returned = [key, await store.trustAnchors(), await store.publicJwks(), store];
    const secrets = await Promise.all(['iaca.key.pem', 'credential.pem'].map(async (name) => createPrivateKey(await readFile(join(keysDir, name), 'utf8'))));
    const secretTexts = secrets.flatMap((secret) => [(secret.export({ type: 'pkcs8', format: 'pem' }) as string).split('\n')[1] ?? '', secret.export({ format: 'jwk' }).d ?? '']);
    for (const value of returned) {
      for (const shown of [JSON.stringify(value), inspect(value, { depth: 10, showHidden: true })]) {
        expect(shown).not.toContain('PRIVATE KEY');
        for (const secret of secretTexts) expect(shown).not.toContain(secret);
      }
    }
  });

  it('refuses an IACA certificate that does not certify the IACA key, without showing either', async () => {
    const keysDir = join(dir, 'mismatch');
    await mkdir(keysDir, { recursive: true });
    const stranger = await createIssuerCertificates({ issuerUrl: ISSUER_URL, publicKey: generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey });
    await writeFile(join(keysDir, 'iaca.pem'), stranger.iaca.pem);
    const store = new FileKeyStore(keysDir, { issuerUrl: ISSUER_URL });
    const error = await store.signingKey('credential').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KeyStoreError);
    expect((error as Error).message).toBe('iaca.pem does not certify the key in iaca.key.pem; remove both to create a new root (and trust anchor)');
    await expect(store.trustAnchors()).rejects.toThrow(KeyStoreError);
  });

  it('refuses an issuer URL that is not a Credential Issuer Identifier', () => {
    expect(() => new FileKeyStore(join(dir, 'bad-url'), { issuerUrl: 'https://issuer.example.com/?tenant=1' })).toThrow(KeyStoreError);
    expect(() => new FileKeyStore(join(dir, 'bad-url'), { issuerUrl: 'not a url' })).toThrow(/is not a URL/);
  });
});
