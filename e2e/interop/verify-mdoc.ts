import { X509Certificate } from 'node:crypto';
import * as animo from '@animo-id/mdoc';
import { mdocVerifierContext } from '@issuer/testing';
import { trustAnchors } from '../support/issuer-api.js';

/** What @animo-id/mdoc finds of an issued mdoc: its issuer signature against the published IACA, and every digest. */
export async function verifyMdoc(credential: string, docType: string): Promise<{ document: animo.IssuerSignedDocument; checks: animo.VerificationAssessment[] }> {
  const anchors = (await trustAnchors()).map((pem) => new Uint8Array(new X509Certificate(pem).raw));
  const document = animo.parseIssuerSigned(Buffer.from(credential, 'base64url'), docType);
  const checks: animo.VerificationAssessment[] = [];
  const onCheckG = (check: animo.VerificationAssessment) => checks.push(check);
  const verifier = new animo.Verifier();
  await verifier.verifyIssuerSignature({ trustedCertificates: anchors, disableCertificateChainValidation: false, issuerAuth: document.issuerSigned.issuerAuth, now: new Date(), onCheckG }, mdocVerifierContext);
  await verifier.verifyData({ mdoc: document, onCheckG }, mdocVerifierContext);
  return { document, checks };
}

/** The device key of an mdoc as JWK coordinates (ISO/IEC 18013-5 deviceKeyInfo). */
export function deviceKeyOf(document: animo.IssuerSignedDocument): { x?: string; y?: string } {
  const jwk = animo.COSEKey.import(document.issuerSigned.issuerAuth.decodedPayload.deviceKeyInfo!.deviceKey).toJWK();
  return { x: jwk.x as string | undefined, y: jwk.y as string | undefined };
}
