import { generateKeyPair, type KeyObject } from 'node:crypto';
import { inspect, promisify } from 'node:util';
import { createDocumentSignerCertificate } from './create-document-signer-certificate.js';
import { createIacaCertificate } from './create-iaca-certificate.js';
import type { EncodedCertificate } from './encoded-certificate.js';
import { credentialIssuerHost } from './issuer-subject-alt-names.js';

const generateEcKeyPair = promisify(generateKeyPair);

/** ISO 3166-1 reserves XX for user assignment: a development root belongs to no country. */
export const DEVELOPMENT_IACA_COUNTRY = 'XX';

/** What may be shown of a set of issuer certificates: everything but the IACA private key. */
export interface IssuerCertificatesView {
  /** The trust anchor, for verifiers. HAIP 1.0: never sent in `x5c`. */
  iaca: EncodedCertificate;
  documentSigner: EncodedCertificate;
  /** The `x5c` of credentials signed with the key: the Document Signer certificate alone, leaf first. */
  x5c: string[];
}

export interface IssuerCertificates extends IssuerCertificatesView {
  /** Not enumerable: spreads, `Object.entries`, JSON and `util.inspect` never see it. */
  readonly iacaPrivateKey: KeyObject;
  toJSON(): IssuerCertificatesView;
}

export interface IssuerCertificatesInit {
  /** The Credential Issuer Identifier. */
  issuerUrl: string;
  /** The credential signing key, or its public key. */
  publicKey: KeyObject;
  country?: string;
}

/** A development IACA for a Credential Issuer, named after its host. */
export function createDevelopmentIacaCertificate(privateKey: KeyObject, issuerUrl: string, country = DEVELOPMENT_IACA_COUNTRY): Promise<EncodedCertificate> {
  return createIacaCertificate({ privateKey, country, commonName: `${credentialIssuerHost(issuerUrl)} Development IACA`, issuerAlternativeName: issuerUrl });
}

/** A fresh P-256 IACA and the Document Signer certificate it issues for the credential signing key. */
export async function createIssuerCertificates(init: IssuerCertificatesInit): Promise<IssuerCertificates> {
  const { privateKey } = await generateEcKeyPair('ec', { namedCurve: 'P-256' });
  const iaca = await createDevelopmentIacaCertificate(privateKey, init.issuerUrl, init.country);
  const documentSigner = await createDocumentSignerCertificate({ iaca: { certificate: iaca.pem, privateKey }, publicKey: init.publicKey, issuerUrl: init.issuerUrl });
  const view: IssuerCertificatesView = { iaca, documentSigner, x5c: [documentSigner.der] };
  const certificates = {
    ...view,
    toJSON: (): IssuerCertificatesView => ({ ...view, x5c: [...view.x5c] }),
    [inspect.custom]: () => `IssuerCertificates ${JSON.stringify(view)}`,
  };
  Object.defineProperty(certificates, 'iacaPrivateKey', { value: privateKey, enumerable: false, writable: false });
  Object.defineProperty(certificates, 'toJSON', { enumerable: false });
  Object.defineProperty(certificates, inspect.custom, { enumerable: false });
  return Object.freeze(certificates) as unknown as IssuerCertificates;
}
