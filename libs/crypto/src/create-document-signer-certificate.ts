import { createPublicKey, type KeyObject } from 'node:crypto';
import { CLOCK_SKEW_MS, certificateSigningKey, DAY_MS, ES256_CERTIFICATE_SIGNATURE, subjectPublicKeyInfo } from './certificate-keys.js';
import { encodeCertificate, readCertificate, type EncodedCertificate } from './encoded-certificate.js';
import { credentialIssuerHost, issuerSubjectAltNames } from './issuer-subject-alt-names.js';
import { x509 } from './x509.js';

/** ISO 18013-5 Annex B: extended key usage of a mobile document Document Signer (id-mdl-kp-mdlDS). */
export const DOCUMENT_SIGNER_KEY_PURPOSE = '1.0.18013.5.1.2';

/** ISO 18013-5 Annex B: a Document Signer certificate is valid for at most 457 days. */
export const DOCUMENT_SIGNER_MAX_VALIDITY_DAYS = 457;

export interface DocumentSignerCertificateInit {
  /** The root that signs: its certificate (PEM or base64 DER) and its private key. */
  iaca: { certificate: string; privateKey: KeyObject };
  /** The credential signing key, or its public key. */
  publicKey: KeyObject;
  /** The Credential Issuer Identifier; becomes the SAN uniformResourceIdentifier, its host the SAN dNSName. */
  issuerUrl: string;
  /** Defaults to now, less a few minutes of clock skew, but not before the IACA. */
  notBefore?: Date;
  /** Defaults to `DOCUMENT_SIGNER_MAX_VALIDITY_DAYS` after `notBefore`, but not after the IACA. */
  notAfter?: Date;
}

/**
 * A Document Signer certificate after ISO 18013-5 Annex B for the credential signing key, issued by
 * the IACA: same countryName, authorityKeyIdentifier of the IACA, subjectKeyIdentifier, keyUsage
 * digitalSignature, extendedKeyUsage `DOCUMENT_SIGNER_KEY_PURPOSE` and the IACA's issuerAltName.
 * The SAN names the Credential Issuer Identifier, so SD-JWT VCs with `x5c` validate too.
 */
export async function createDocumentSignerCertificate(init: DocumentSignerCertificateInit): Promise<EncodedCertificate> {
  const host = credentialIssuerHost(init.issuerUrl);
  const signingKey = certificateSigningKey(init.iaca.privateKey);
  const iaca = readCertificate(init.iaca.certificate);
  if (!iaca.publicKey.equals(createPublicKey(init.iaca.privateKey))) throw new TypeError('the IACA private key does not belong to the IACA certificate');
  const root = new x509.X509Certificate(iaca.raw);
  const notBefore = new Date(init.notBefore?.getTime() ?? Math.max(Date.now() - CLOCK_SKEW_MS, root.notBefore.getTime()));
  const notAfter = new Date(init.notAfter?.getTime() ?? Math.min(notBefore.getTime() + DOCUMENT_SIGNER_MAX_VALIDITY_DAYS * DAY_MS, root.notAfter.getTime()));
  if (notBefore < root.notBefore || notAfter > root.notAfter) throw new TypeError(`a Document Signer certificate must lie within its IACA's validity (${root.notBefore.toISOString()} to ${root.notAfter.toISOString()})`);
  if (notAfter.getTime() <= notBefore.getTime()) throw new TypeError(`no Document Signer certificate can be issued: the IACA expired ${root.notAfter.toISOString()}`);
  const publicKey = subjectPublicKeyInfo(init.publicKey);
  const authorityKeyId = root.getExtension(x509.SubjectKeyIdentifierExtension)?.keyId ?? (await x509.SubjectKeyIdentifierExtension.create(root.publicKey)).keyId;
  const issuerAltName = root.getExtension(x509.IssuerAlternativeNameExtension);
  const country = root.subjectName.getField('C')[0];
  const subject: x509.JsonName = [...(country !== undefined ? [{ C: [country] }] : []), { CN: [`${host} Document Signer`] }];
  const certificate = await x509.X509CertificateGenerator.create({
    subject,
    issuer: root.subjectName,
    publicKey,
    signingKey,
    signingAlgorithm: ES256_CERTIFICATE_SIGNATURE,
    notBefore,
    notAfter,
    extensions: [
      new x509.AuthorityKeyIdentifierExtension(authorityKeyId),
      await x509.SubjectKeyIdentifierExtension.create(publicKey),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([DOCUMENT_SIGNER_KEY_PURPOSE], true),
      new x509.SubjectAlternativeNameExtension(issuerSubjectAltNames(init.issuerUrl)),
      ...(issuerAltName !== null ? [new x509.IssuerAlternativeNameExtension(issuerAltName.names.toJSON())] : []),
    ],
  });
  return encodeCertificate(certificate.rawData);
}
