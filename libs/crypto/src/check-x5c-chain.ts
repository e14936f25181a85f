import { X509Certificate, type KeyObject } from 'node:crypto';
import { X5cError } from './crypto-errors.js';

/**
 * HAIP 1.0 Sections 4.1 and 6.1: the signing certificate comes first in `x5c`, must hold the
 * signing key and must not be self-signed, and the trust anchor must not be included. Each
 * certificate must be issued by the next one.
 */
export function checkX5cChain(x5c: readonly string[], publicKey: KeyObject): void {
  if (x5c.length === 0) throw new X5cError('ERR_X5C_EMPTY', 'x5c is empty');
  const certificates = x5c.map((der, index) => parseCertificate(der, index));
  const leaf = certificates[0] as X509Certificate;
  if (!leaf.publicKey.equals(publicKey)) throw new X5cError('ERR_X5C_KEY_MISMATCH', `x5c[0] (${leaf.subject.replace(/\n/g, ', ')}) does not hold the signing key`);
  certificates.forEach((certificate, index) => {
    if (certificate.checkIssued(certificate) && certificate.verify(certificate.publicKey)) {
      throw new X5cError('ERR_X5C_SELF_SIGNED', `x5c[${index}] (${certificate.subject.replace(/\n/g, ', ')}) is self-signed: a trust anchor or self-signed certificate must not be sent`);
    }
    const issuer = certificates[index + 1];
    if (issuer !== undefined && !(certificate.checkIssued(issuer) && certificate.verify(issuer.publicKey))) {
      throw new X5cError('ERR_X5C_CHAIN', `x5c[${index}] is not issued by x5c[${index + 1}]`);
    }
  });
}

/**
 * The trust anchor is not in `x5c` (HAIP 1.0), so the last certificate of the chain must be issued
 * by one of the trust anchors.
 */
export function checkX5cTrustAnchor(x5c: readonly string[], trustAnchors: readonly X509Certificate[]): void {
  if (x5c.length === 0) throw new X5cError('ERR_X5C_EMPTY', 'x5c is empty');
  const index = x5c.length - 1;
  const last = parseCertificate(x5c[index] as string, index);
  if (!trustAnchors.some((anchor) => last.checkIssued(anchor) && last.verify(anchor.publicKey))) {
    throw new X5cError('ERR_X5C_UNTRUSTED', `x5c[${index}] (${last.subject.replace(/\n/g, ', ')}) is not issued by a trust anchor`);
  }
}

function parseCertificate(der: string, index: number): X509Certificate {
  try {
    return new X509Certificate(Buffer.from(der, 'base64'));
  } catch {
    throw new X5cError('ERR_X5C_PARSE', `x5c[${index}] is not a base64 DER X.509 certificate`);
  }
}

/** Reads a PEM bundle or a comma-separated list of base64 DER certificates into `x5c` form. */
export function parseX5c(text: string): string[] {
  if (text.includes('-----BEGIN CERTIFICATE-----')) {
    return [...text.matchAll(/-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g)].map((match) => (match[1] ?? '').replace(/\s+/g, ''));
  }
  return text.split(',').map((part) => part.trim()).filter((part) => part.length > 0);
}
