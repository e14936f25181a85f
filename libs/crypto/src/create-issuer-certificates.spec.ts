import { beforeAll, describe, expect, it } from '@jest/globals';
import { generateKeyPairSync, X509Certificate } from 'node:crypto';
import { inspect } from 'node:util';
import { checkX5cChain, checkX5cTrustAnchor } from './check-x5c-chain.js';
import { createDocumentSignerCertificate, DOCUMENT_SIGNER_KEY_PURPOSE, DOCUMENT_SIGNER_MAX_VALIDITY_DAYS } from './create-document-signer-certificate.js';
import { createIacaCertificate, IACA_DEVELOPMENT_VALIDITY_DAYS } from './create-iaca-certificate.js';
import { createIssuerCertificates, type IssuerCertificates } from './create-issuer-certificates.js';
import { x509 } from './x509.js';

const DAY_MS = 86_400_000;
const ISSUER_URL = 'https://issuer.example.com/tenant-1';
const credentialKey = generateKeyPairSync('ec', { namedCurve: 'P-256' });

let issued: IssuerCertificates;
let iaca: x509.X509Certificate;
let documentSigner: x509.X509Certificate;

beforeAll(async () => {
  issued = await createIssuerCertificates({ issuerUrl: ISSUER_URL, publicKey: credentialKey.publicKey });
  iaca = new x509.X509Certificate(issued.iaca.pem);
  documentSigner = new x509.X509Certificate(issued.documentSigner.der);
});

describe('createIssuerCertificates: the IACA root (ISO 18013-5 Annex B)', () => {
  it('is a self-signed P-256 root with C and CN, CA with pathLenConstraint 0, for certificate and CRL signing only', async () => {
    expect(await iaca.isSelfSigned()).toBe(true);
    expect(iaca.subject).toBe('C=XX, CN=issuer.example.com Development IACA');
    expect(iaca.issuer).toBe(iaca.subject);
    expect(iaca.signatureAlgorithm).toMatchObject({ name: 'ECDSA', hash: { name: 'SHA-256' } });
    expect(iaca.publicKey.algorithm).toMatchObject({ name: 'ECDSA', namedCurve: 'P-256' });
    const basicConstraints = iaca.getExtension(x509.BasicConstraintsExtension);
    expect(basicConstraints).toMatchObject({ ca: true, pathLength: 0, critical: true });
    const keyUsage = iaca.getExtension(x509.KeyUsagesExtension);
    expect(keyUsage).toMatchObject({ usages: x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, critical: true });
    expect(iaca.getExtension(x509.SubjectKeyIdentifierExtension)?.keyId).toMatch(/^[0-9a-f]{40}$/);
    expect(iaca.getExtension(x509.IssuerAlternativeNameExtension)?.names.toJSON()).toEqual([{ type: 'url', value: ISSUER_URL }]);
    expect(iaca.getExtension(x509.ExtendedKeyUsageExtension)).toBeNull();
  });

  it('is valid from about now for about nine years', () => {
    expect(Math.abs(iaca.notBefore.getTime() - Date.now())).toBeLessThan(70 * 60_000);
    expect(Math.round((iaca.notAfter.getTime() - iaca.notBefore.getTime()) / DAY_MS)).toBe(IACA_DEVELOPMENT_VALIDITY_DAYS);
  });

  it('comes back as PEM and as base64 DER of the same certificate', () => {
    expect(issued.iaca.pem).toMatch(/^-----BEGIN CERTIFICATE-----\n[\s\S]+\n-----END CERTIFICATE-----\n$/);
    expect(new X509Certificate(issued.iaca.pem).raw.toString('base64')).toBe(issued.iaca.der);
  });
});

describe('createIssuerCertificates: the Document Signer certificate', () => {
  it('certifies the credential signing key, issued by the IACA with its key identifier, country and issuerAltName', () => {
    expect(new X509Certificate(issued.documentSigner.pem).publicKey.equals(credentialKey.publicKey)).toBe(true);
    expect(documentSigner.issuer).toBe(iaca.subject);
    expect(documentSigner.subject).toBe('C=XX, CN=issuer.example.com Document Signer');
    const iacaKeyId = iaca.getExtension(x509.SubjectKeyIdentifierExtension)?.keyId;
    expect(documentSigner.getExtension(x509.AuthorityKeyIdentifierExtension)?.keyId).toBe(iacaKeyId);
    expect(documentSigner.getExtension(x509.SubjectKeyIdentifierExtension)?.keyId).toMatch(/^[0-9a-f]{40}$/);
    expect(documentSigner.getExtension(x509.SubjectKeyIdentifierExtension)?.keyId).not.toBe(iacaKeyId);
    expect(documentSigner.getExtension(x509.IssuerAlternativeNameExtension)?.names.toJSON()).toEqual([{ type: 'url', value: ISSUER_URL }]);
  });

  it('is for digital signatures as an mdoc Document Signer only, and not a CA', () => {
    expect(documentSigner.getExtension(x509.KeyUsagesExtension)).toMatchObject({ usages: x509.KeyUsageFlags.digitalSignature, critical: true });
    expect(documentSigner.getExtension(x509.ExtendedKeyUsageExtension)).toMatchObject({ usages: [DOCUMENT_SIGNER_KEY_PURPOSE], critical: true });
    expect(DOCUMENT_SIGNER_KEY_PURPOSE).toBe('1.0.18013.5.1.2');
    expect(new X509Certificate(issued.documentSigner.pem).ca).toBe(false);
  });

  it('names the Credential Issuer Identifier as SAN URI and its host as SAN dNSName, as SD-JWT VC x5c validation requires', () => {
    expect(documentSigner.getExtension(x509.SubjectAlternativeNameExtension)?.names.toJSON()).toEqual([
      { type: 'url', value: ISSUER_URL },
      { type: 'dns', value: 'issuer.example.com' },
    ]);
  });

  it('is valid within the IACA validity, for at most 457 days', () => {
    expect(documentSigner.notBefore.getTime()).toBeGreaterThanOrEqual(iaca.notBefore.getTime());
    expect(documentSigner.notAfter.getTime()).toBeLessThanOrEqual(iaca.notAfter.getTime());
    expect(Math.round((documentSigner.notAfter.getTime() - documentSigner.notBefore.getTime()) / DAY_MS)).toBe(DOCUMENT_SIGNER_MAX_VALIDITY_DAYS);
  });
});

describe('createIssuerCertificates: the chain', () => {
  it('builds and verifies from the Document Signer certificate to the IACA', async () => {
    const chain = await new x509.X509ChainBuilder({ certificates: [iaca] }).build(documentSigner);
    expect(chain.map((certificate) => certificate.subject)).toEqual([documentSigner.subject, iaca.subject]);
    const leaf = new X509Certificate(issued.documentSigner.pem);
    const root = new X509Certificate(issued.iaca.pem);
    expect(leaf.checkIssued(root) && leaf.verify(root.publicKey)).toBe(true);
    expect(root.verify(root.publicKey)).toBe(true);
  });

  it('gives an x5c of the Document Signer certificate alone, which the HAIP checks accept and which ends at the IACA', () => {
    expect(issued.x5c).toEqual([issued.documentSigner.der]);
    expect(() => checkX5cChain(issued.x5c, credentialKey.publicKey)).not.toThrow();
    expect(() => checkX5cTrustAnchor(issued.x5c, [new X509Certificate(issued.iaca.pem)])).not.toThrow();
  });
});

describe('createIssuerCertificates: the IACA private key', () => {
  it('never shows in JSON, util.inspect, spreads or keys, but can issue further Document Signer certificates', async () => {
    const privatePem = issued.iacaPrivateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    const privateD = issued.iacaPrivateKey.export({ format: 'jwk' }).d as string;
    for (const shown of [JSON.stringify(issued), inspect(issued, { showHidden: false, depth: 10 }), JSON.stringify({ ...issued }), Object.keys(issued).join()]) {
      expect(shown).not.toContain('PRIVATE KEY');
      expect(shown).not.toContain(privatePem.split('\n')[1]);
      expect(shown).not.toContain(privateD);
      expect(shown).not.toContain('iacaPrivateKey');
    }
    expect(JSON.parse(JSON.stringify(issued))).toEqual({ iaca: issued.iaca, documentSigner: issued.documentSigner, x5c: issued.x5c });

    const other = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey;
    const next = await createDocumentSignerCertificate({ iaca: { certificate: issued.iaca.der, privateKey: issued.iacaPrivateKey }, publicKey: other, issuerUrl: ISSUER_URL });
    const leaf = new X509Certificate(next.pem);
    expect(leaf.publicKey.equals(other) && leaf.verify(new X509Certificate(issued.iaca.pem).publicKey)).toBe(true);
  });
});

describe('certificate inputs', () => {
  it('uses an iPAddress SAN for an issuer on a literal address', async () => {
    const local = await createIssuerCertificates({ issuerUrl: 'http://127.0.0.1:8080', publicKey: credentialKey.publicKey });
    const names = new x509.X509Certificate(local.documentSigner.der).getExtension(x509.SubjectAlternativeNameExtension)?.names.toJSON();
    expect(names).toEqual([
      { type: 'url', value: 'http://127.0.0.1:8080' },
      { type: 'ip', value: '127.0.0.1' },
    ]);
  });

  it('refuses an issuer URL that is not a Credential Issuer Identifier', async () => {
    for (const issuerUrl of ['issuer.example.com', 'ftp://issuer.example.com', 'https://issuer.example.com/?tenant=1', 'https://issuer.example.com/#x', 'https://user@issuer.example.com']) {
      await expect(createIssuerCertificates({ issuerUrl, publicKey: credentialKey.publicKey })).rejects.toThrow(TypeError);
    }
  });

  it('refuses a Document Signer validity outside the IACA, an expired IACA and an IACA key that is not the certificate`s', async () => {
    const iacaInit = { certificate: issued.iaca.pem, privateKey: issued.iacaPrivateKey };
    const base = { iaca: iacaInit, publicKey: credentialKey.publicKey, issuerUrl: ISSUER_URL };
    await expect(createDocumentSignerCertificate({ ...base, notAfter: new Date(iaca.notAfter.getTime() + DAY_MS) })).rejects.toThrow(/within its IACA's validity/);
    await expect(createDocumentSignerCertificate({ ...base, notBefore: new Date(iaca.notBefore.getTime() - DAY_MS) })).rejects.toThrow(/within its IACA's validity/);

    const iacaKey = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
    const expired = await createIacaCertificate({ privateKey: iacaKey, country: 'XX', commonName: 'Old', issuerAlternativeName: ISSUER_URL, notBefore: new Date('2020-01-01'), notAfter: new Date('2021-01-01') });
    await expect(createDocumentSignerCertificate({ ...base, iaca: { certificate: expired.pem, privateKey: iacaKey } })).rejects.toThrow(/IACA expired 2021-01-01/);

    await expect(createDocumentSignerCertificate({ ...base, iaca: { certificate: issued.iaca.pem, privateKey: iacaKey } })).rejects.toThrow(/does not belong to the IACA certificate/);
  });

  it('refuses an IACA country that is not ISO 3166-1 alpha-2 and a root key that is not P-256', async () => {
    const p256 = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
    await expect(createIacaCertificate({ privateKey: p256, country: 'Utopia', commonName: 'x', issuerAlternativeName: ISSUER_URL })).rejects.toThrow(/alpha-2/);
    const p384 = generateKeyPairSync('ec', { namedCurve: 'P-384' }).privateKey;
    await expect(createIacaCertificate({ privateKey: p384, country: 'XX', commonName: 'x', issuerAlternativeName: ISSUER_URL })).rejects.toThrow(/P-256 private key/);
    await expect(createIacaCertificate({ privateKey: p256, country: 'XX', commonName: 'x', issuerAlternativeName: ISSUER_URL, notBefore: new Date('2030-01-01'), notAfter: new Date('2029-01-01') })).rejects.toThrow(/end after it begins/);
  });
});
