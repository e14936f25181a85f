import { X509Certificate } from 'node:crypto';

/** One certificate as PEM and as base64 DER, the form of an `x5c` entry (RFC 7515 Section 4.1.6). */
export interface EncodedCertificate {
  readonly pem: string;
  readonly der: string;
}

export function encodeCertificate(der: ArrayBuffer | Uint8Array): EncodedCertificate {
  const bytes = Buffer.from(der instanceof Uint8Array ? der : new Uint8Array(der));
  return Object.freeze({ pem: new X509Certificate(bytes).toString(), der: bytes.toString('base64') });
}

/** Reads one certificate given as PEM or as base64 DER. */
export function readCertificate(text: string): X509Certificate {
  return new X509Certificate(text.includes('-----BEGIN') ? text : Buffer.from(text, 'base64'));
}
