import { createPublicKey, type KeyObject, type X509Certificate } from 'node:crypto';
import { DOCUMENT_SIGNER_KEY_PURPOSE } from './create-document-signer-certificate.js';
import { issuerSubjectAltNames } from './issuer-subject-alt-names.js';
import { x509 } from './x509.js';

export interface DocumentSignerExpectation {
  iaca: X509Certificate;
  /** The credential signing key, or its public key. */
  publicKey: KeyObject;
  issuerUrl: string;
  /** Defaults to now. */
  at?: Date;
}

/**
 * Whether a Document Signer certificate still serves the credential signing key: it holds the key,
 * was issued by the IACA, carries the Document Signer key purpose, names the Credential Issuer
 * Identifier and its host, and is valid at `at`.
 */
export function documentSignerFits(certificate: X509Certificate, expected: DocumentSignerExpectation): boolean {
  const publicKey = expected.publicKey.type === 'private' ? createPublicKey(expected.publicKey) : expected.publicKey;
  if (!certificate.publicKey.equals(publicKey)) return false;
  if (!(certificate.checkIssued(expected.iaca) && certificate.verify(expected.iaca.publicKey))) return false;
  const parsed = new x509.X509Certificate(certificate.raw);
  const at = expected.at ?? new Date();
  if (at < parsed.notBefore || at > parsed.notAfter) return false;
  if (!parsed.getExtension(x509.ExtendedKeyUsageExtension)?.usages.includes(DOCUMENT_SIGNER_KEY_PURPOSE)) return false;
  const names = parsed.getExtension(x509.SubjectAlternativeNameExtension)?.names.items ?? [];
  return issuerSubjectAltNames(expected.issuerUrl).every((wanted) => names.some((name) => name.type === wanted.type && name.value === wanted.value));
}
