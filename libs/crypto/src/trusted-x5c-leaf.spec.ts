import { describe, expect, it } from '@jest/globals';
import { generateKeyPairSync, X509Certificate } from 'node:crypto';
import { createDocumentSignerCertificate } from './create-document-signer-certificate.js';
import { createIacaCertificate } from './create-iaca-certificate.js';
import { createIssuerCertificates } from './create-issuer-certificates.js';
import { X5cError } from './crypto-errors.js';
import { trustedX5cLeaf } from './trusted-x5c-leaf.js';

const NOW = Math.floor(Date.now() / 1000);
const signer = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const provider = await createIssuerCertificates({ issuerUrl: 'https://wallet-provider.example.com', publicKey: signer.publicKey });
const anchors = [new X509Certificate(provider.iaca.pem)];

function x5cError(run: () => unknown): X5cError {
  try {
    run();
  } catch (error) {
    if (error instanceof X5cError) return error;
    throw error;
  }
  throw new Error('trustedX5cLeaf accepted the chain');
}

describe('trustedX5cLeaf (HAIP 1.0 Sections 4.4.1 and 4.5.1)', () => {
  it('returns the leaf of a chain issued by a trust anchor', () => {
    const leaf = trustedX5cLeaf(provider.x5c, anchors, NOW);
    expect(leaf.publicKey.equals(signer.publicKey)).toBe(true);
  });

  it('refuses a chain no trust anchor issued', async () => {
    const other = await createIssuerCertificates({ issuerUrl: 'https://other-provider.example.com', publicKey: signer.publicKey });
    expect(x5cError(() => trustedX5cLeaf(other.x5c, anchors, NOW)).code).toBe('ERR_X5C_UNTRUSTED');
  });

  it('refuses a self-signed leaf and a chain that carries the trust anchor', async () => {
    const selfSigned = await createIacaCertificate({ privateKey: signer.privateKey, country: 'XX', commonName: 'Self-signed wallet provider', issuerAlternativeName: 'https://wallet-provider.example.com' });
    expect(x5cError(() => trustedX5cLeaf([selfSigned.der], [new X509Certificate(selfSigned.pem)], NOW)).code).toBe('ERR_X5C_SELF_SIGNED');
    expect(x5cError(() => trustedX5cLeaf([...provider.x5c, provider.iaca.der], anchors, NOW)).code).toBe('ERR_X5C_SELF_SIGNED');
  });

  it('refuses a certificate outside its validity period', async () => {
    const rootKey = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
    const root = await createIacaCertificate({ privateKey: rootKey, country: 'XX', commonName: 'Old wallet provider', issuerAlternativeName: 'https://wallet-provider.example.com', notBefore: new Date((NOW - 30 * 86_400) * 1000) });
    const notBefore = new Date((NOW - 10 * 86_400) * 1000);
    const expired = await createDocumentSignerCertificate({
      iaca: { certificate: root.pem, privateKey: rootKey },
      publicKey: signer.publicKey,
      issuerUrl: 'https://wallet-provider.example.com',
      notBefore,
      notAfter: new Date((NOW - 86_400) * 1000),
    });
    const error = x5cError(() => trustedX5cLeaf([expired.der], [new X509Certificate(root.pem)], NOW));
    expect(error).toMatchObject({ code: 'ERR_X5C_VALIDITY', message: expect.stringContaining(notBefore.toISOString()) });
    expect(x5cError(() => trustedX5cLeaf(provider.x5c, anchors, NOW - 86_400 * 365)).code).toBe('ERR_X5C_VALIDITY');
  });

  it('refuses an x5c that is not an array of certificates', () => {
    expect(x5cError(() => trustedX5cLeaf(undefined, anchors, NOW)).code).toBe('ERR_X5C_FORMAT');
    expect(x5cError(() => trustedX5cLeaf([42], anchors, NOW)).code).toBe('ERR_X5C_FORMAT');
    expect(x5cError(() => trustedX5cLeaf([], anchors, NOW)).code).toBe('ERR_X5C_EMPTY');
    expect(x5cError(() => trustedX5cLeaf(['bm90IGEgY2VydA=='], anchors, NOW)).code).toBe('ERR_X5C_PARSE');
  });
});
