import type { KeyObject } from 'node:crypto';
import { CLOCK_SKEW_MS, certificateSigningKey, DAY_MS, ES256_CERTIFICATE_SIGNATURE, subjectPublicKeyInfo } from './certificate-keys.js';
import { encodeCertificate, type EncodedCertificate } from './encoded-certificate.js';
import { x509 } from './x509.js';

/** About nine years: well inside the 20 years ISO 18013-5 Annex B allows an IACA certificate. */
export const IACA_DEVELOPMENT_VALIDITY_DAYS = 9 * 365;

export interface IacaCertificateInit {
  /** The root's own P-256 key; the certificate is self-signed with it. */
  privateKey: KeyObject;
  /** ISO 3166-1 alpha-2 code of the issuing authority's country. */
  country: string;
  commonName: string;
  /** How to reach the issuing authority (issuerAltName), as a URI. */
  issuerAlternativeName: string;
  /** Defaults to now, less a few minutes of clock skew. */
  notBefore?: Date;
  /** Defaults to `IACA_DEVELOPMENT_VALIDITY_DAYS` after `notBefore`. */
  notAfter?: Date;
}

/**
 * A root certificate after the IACA profile of ISO 18013-5 Annex B: self-signed, subject with
 * countryName and commonName, basicConstraints CA with pathLenConstraint 0, keyUsage keyCertSign
 * and cRLSign, subjectKeyIdentifier and issuerAltName. A development root has no CRL distribution point.
 */
export async function createIacaCertificate(init: IacaCertificateInit): Promise<EncodedCertificate> {
  if (!/^[A-Z]{2}$/.test(init.country)) throw new TypeError(`the IACA country must be an ISO 3166-1 alpha-2 code, got ${JSON.stringify(init.country)}`);
  const signingKey = certificateSigningKey(init.privateKey);
  const notBefore = new Date(init.notBefore?.getTime() ?? Date.now() - CLOCK_SKEW_MS);
  const notAfter = new Date(init.notAfter?.getTime() ?? notBefore.getTime() + IACA_DEVELOPMENT_VALIDITY_DAYS * DAY_MS);
  if (notAfter.getTime() <= notBefore.getTime()) throw new TypeError('the IACA certificate must end after it begins');
  const publicKey = subjectPublicKeyInfo(init.privateKey);
  const name: x509.JsonName = [{ C: [init.country] }, { CN: [init.commonName] }];
  const certificate = await x509.X509CertificateGenerator.create({
    subject: name,
    issuer: name,
    publicKey,
    signingKey,
    signingAlgorithm: ES256_CERTIFICATE_SIGNATURE,
    notBefore,
    notAfter,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(publicKey),
      new x509.IssuerAlternativeNameExtension([{ type: 'url', value: init.issuerAlternativeName }]),
    ],
  });
  return encodeCertificate(certificate.rawData);
}
