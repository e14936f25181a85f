import { beforeAll, describe, expect, it } from '@jest/globals';
import { generateKeyPairSync, X509Certificate } from 'node:crypto';
import { createIssuerCertificates, type IssuerCertificates } from './create-issuer-certificates.js';
import { documentSignerFits, type DocumentSignerExpectation } from './document-signer-fits.js';
import { issuerSubjectAltNames } from './issuer-subject-alt-names.js';
import { x509 } from './x509.js';

const ISSUER_URL = 'https://issuer.example.com';
const credentialKey = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;

let issued: IssuerCertificates;
let documentSigner: X509Certificate;
let expected: DocumentSignerExpectation;

beforeAll(async () => {
  issued = await createIssuerCertificates({ issuerUrl: ISSUER_URL, publicKey: credentialKey });
  documentSigner = new X509Certificate(issued.documentSigner.pem);
  expected = { iaca: new X509Certificate(issued.iaca.pem), publicKey: credentialKey, issuerUrl: ISSUER_URL };
});

describe('documentSignerFits', () => {
  it('accepts the certificate issued for the key, the issuer URL and the IACA, given a private or a public key', () => {
    expect(documentSignerFits(documentSigner, expected)).toBe(true);
    expect(documentSignerFits(documentSigner, { ...expected, publicKey: documentSigner.publicKey })).toBe(true);
  });

  it('refuses it for another key, another issuer URL, another IACA, or outside its validity', async () => {
    expect(documentSignerFits(documentSigner, { ...expected, publicKey: generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey })).toBe(false);
    expect(documentSignerFits(documentSigner, { ...expected, issuerUrl: 'https://issuer.example.com/other' })).toBe(false);
    expect(documentSignerFits(documentSigner, { ...expected, issuerUrl: 'https://other.example.com' })).toBe(false);
    const otherRoot = await createIssuerCertificates({ issuerUrl: ISSUER_URL, publicKey: credentialKey });
    expect(documentSignerFits(documentSigner, { ...expected, iaca: new X509Certificate(otherRoot.iaca.pem) })).toBe(false);
    expect(documentSignerFits(documentSigner, { ...expected, at: new Date(documentSigner.validToDate.getTime() + 1000) })).toBe(false);
    expect(documentSignerFits(documentSigner, { ...expected, at: new Date(documentSigner.validFromDate.getTime() - 1000) })).toBe(false);
  });

  it('refuses a certificate the IACA did not sign even when its names match', async () => {
    const impostor = await createIssuerCertificates({ issuerUrl: ISSUER_URL, publicKey: credentialKey, country: 'XX' });
    expect(new X509Certificate(impostor.documentSigner.pem).issuer).toBe(expected.iaca.subject);
    expect(documentSignerFits(new X509Certificate(impostor.documentSigner.pem), expected)).toBe(false);
  });

  it('refuses a certificate without the Document Signer key purpose', async () => {
    const publicKey = documentSigner.publicKey.export({ type: 'spki', format: 'der' });
    const withoutPurpose = await x509.X509CertificateGenerator.create({
      subject: 'CN=issuer.example.com',
      issuer: new x509.X509Certificate(issued.iaca.der).subjectName,
      publicKey,
      signingKey: issued.iacaPrivateKey.toCryptoKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign']),
      signingAlgorithm: { name: 'ECDSA', hash: 'SHA-256' },
      notBefore: new Date(documentSigner.validFromDate.getTime()),
      notAfter: new Date(documentSigner.validToDate.getTime()),
      extensions: [new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true), new x509.SubjectAlternativeNameExtension(issuerSubjectAltNames(ISSUER_URL))],
    });
    const candidate = new X509Certificate(Buffer.from(withoutPurpose.rawData));
    expect(candidate.checkIssued(expected.iaca) && candidate.verify(expected.iaca.publicKey)).toBe(true);
    expect(documentSignerFits(candidate, expected)).toBe(false);
  });
});
