import { serverError } from '@issuer/protocol-errors';
import { isJsonObject } from '@issuer/protocol-oid4vci';
import { assertClaimsIssuable } from '../assert-claims-issuable.js';
import type { CredentialFormat, IssueCredentialInput } from '../credential-format.js';
import { encodeCbor, encodedCborDataItem } from './cbor.js';
import { coseKeyFromJwk } from './cose-key.js';
import { HEADER_X5CHAIN, signCoseSign1 } from './cose-sign1.js';
import { issuerSignedItems, valueDigests, type SignedItem } from './issuer-signed-items.js';
import { mobileSecurityObject } from './mobile-security-object.js';

/**
 * An mdoc (OID4VCI 1.0 Appendix A.2): the IssuerSigned structure of ISO/IEC 18013-5 Section
 * 8.3.2.1.2.2, CBOR-encoded and base64url without padding (Appendix A.2.4). Claims come as
 * `{ namespace: { elementIdentifier: value } }`, matching the claims paths of Appendix C.2.
 */
export async function issueMsoMdoc(input: IssueCredentialInput): Promise<{ credential: string }> {
  const { configuration, claims, holderJwk, signingKey, now } = input;
  if (configuration.format !== 'mso_mdoc') {
    throw serverError({ reason: `configuration "${configuration.id}" has format ${configuration.format}, not mso_mdoc`, help: 'Issue it with the module for its format' });
  }
  if ('d' in holderJwk) throw serverError({ reason: 'the holder JWK contains a private key', help: 'Bind the credential to the public key from the verified key proof' });
  // ISO/IEC 18013-5 Section 9.1.2.4: the unprotected header carries the document signer certificate as x5chain.
  if (signingKey.x5c === undefined || signingKey.x5c.length === 0) {
    throw serverError({
      reason: `cannot issue "${configuration.id}" as mso_mdoc: signing key "${signingKey.kid}" has no certificate chain`,
      help: 'Give the signing key a document signer certificate issued by an IACA (ISO/IEC 18013-5 Annex B), leaf first, without the IACA',
    });
  }
  assertClaimsIssuable(configuration, claims);
  const nameSpaces = namespacedElements(configuration.id, claims);

  const signedItems = new Map<string, SignedItem[]>(nameSpaces.map(([nameSpace, elements]) => [nameSpace, issuerSignedItems(nameSpace, elements)]));
  const mso = mobileSecurityObject({
    docType: configuration.doctype,
    valueDigests: new Map([...signedItems].map(([nameSpace, items]) => [nameSpace, valueDigests(items)])),
    deviceKey: coseKeyFromJwk(holderJwk),
    signed: now,
    validUntil: now + configuration.validity_seconds,
    ...(input.status && { status: input.status }),
  });
  const certificates = signingKey.x5c.map((der) => Buffer.from(der, 'base64'));
  const issuerAuth = signCoseSign1({
    alg: signingKey.alg,
    privateKey: signingKey.privateKey,
    // RFC 9360 Section 2: one certificate as a byte string, a chain as an array of them.
    unprotectedHeader: new Map([[HEADER_X5CHAIN, certificates.length === 1 ? certificates[0] : certificates]]),
    // ISO/IEC 18013-5 Section 9.1.2.4: the payload is MobileSecurityObjectBytes, tag 24 around the encoded MSO.
    payload: encodeCbor(encodedCborDataItem(encodeCbor(mso))),
  });
  const issuerSigned = new Map<string, unknown>([
    ['nameSpaces', new Map([...signedItems].map(([nameSpace, items]) => [nameSpace, items.map((item) => item.itemBytes)]))],
    ['issuerAuth', issuerAuth],
  ]);
  return { credential: encodeCbor(issuerSigned).toString('base64url') };
}

function namespacedElements(configurationId: string, claims: Record<string, unknown>): Array<[string, Record<string, unknown>]> {
  const entries = Object.entries(claims);
  const malformed = entries.filter(([, elements]) => !isJsonObject(elements) || Object.keys(elements).length === 0).map(([nameSpace]) => nameSpace);
  if (entries.length === 0 || malformed.length > 0) {
    throw serverError({
      reason: `cannot issue "${configurationId}" as mso_mdoc: ${entries.length === 0 ? 'no data elements' : `namespaces without data elements: ${malformed.join(', ')}`}`,
      help: 'Supply mdoc claims as { "<namespace>": { "<data element identifier>": value } }',
    });
  }
  return entries as Array<[string, Record<string, unknown>]>;
}

export const msoMdocFormat: CredentialFormat = { format: 'mso_mdoc', issue: issueMsoMdoc };
