import { Decoder, Tag } from 'cbor-x';

const decoder = new Decoder({ mapsAsObjects: false, useRecords: false } as ConstructorParameters<typeof Decoder>[0]);

// RFC 9052 Section 3.1, RFC 9360 Section 2, RFC 9053 Section 2.1: the COSE labels an mdoc's issuerAuth uses.
const HEADER_LABELS: Record<number, string> = { 1: 'alg', 4: 'kid', 33: 'x5chain' };
const COSE_ALGORITHMS: Record<number, string> = { [-7]: 'ES256', [-35]: 'ES384', [-36]: 'ES512', [-8]: 'EdDSA' };
// RFC 9053 Section 7.1 and RFC 8152 Table 21: COSE_Key labels of an EC2 or OKP device key.
const COSE_KEY_LABELS: Record<number, string> = { 1: 'kty', 3: 'alg', [-1]: 'crv', [-2]: 'x', [-3]: 'y' };

/**
 * An mdoc's IssuerSigned (ISO/IEC 18013-5 Section 8.3.2.1.2.2) as a wallet developer reads it: each
 * namespace's data elements with their digest IDs, and the MSO inside issuerAuth (docType, digest
 * algorithm, validity, device key, status). Display only: nothing here is verified.
 */
export function describeMdoc(base64url: string): Record<string, unknown> {
  const issuerSigned = decoder.decode(Buffer.from(base64url, 'base64url')) as unknown;
  if (!(issuerSigned instanceof Map)) return { error: 'not an IssuerSigned CBOR map' };
  const nameSpaces = issuerSigned.get('nameSpaces');
  const issuerAuth = issuerSigned.get('issuerAuth');
  return {
    nameSpaces: nameSpaces instanceof Map ? Object.fromEntries([...nameSpaces].map(([nameSpace, items]) => [String(nameSpace), describeItems(items)])) : '<absent>',
    issuerAuth: Array.isArray(issuerAuth) ? describeIssuerAuth(issuerAuth) : '<absent>',
  };
}

/** Each IssuerSignedItemBytes: tag 24 around digestID, random, elementIdentifier, elementValue. */
function describeItems(items: unknown): unknown {
  if (!Array.isArray(items)) return display(items);
  return items.map((item) => {
    const decoded = embedded(item);
    if (!(decoded instanceof Map)) return display(decoded);
    return { digestID: decoded.get('digestID'), elementIdentifier: decoded.get('elementIdentifier'), elementValue: display(decoded.get('elementValue')) };
  });
}

/** COSE_Sign1 [protected, unprotected, payload, signature]; the payload is MobileSecurityObjectBytes. */
function describeIssuerAuth([protectedHeader, unprotectedHeader, payload, signature]: unknown[]): Record<string, unknown> {
  const protectedMap = protectedHeader instanceof Uint8Array && protectedHeader.length > 0 ? decoder.decode(protectedHeader) : new Map();
  const mso = payload instanceof Uint8Array ? embedded(decoder.decode(payload)) : undefined;
  return {
    protected: labelled(protectedMap, HEADER_LABELS),
    unprotected: labelled(unprotectedHeader, HEADER_LABELS),
    mso: mso instanceof Map ? describeMso(mso) : display(mso),
    signature_length: signature instanceof Uint8Array ? signature.length : 0,
  };
}

function describeMso(mso: Map<unknown, unknown>): Record<string, unknown> {
  const described = display(mso) as Record<string, unknown>;
  const deviceKeyInfo = mso.get('deviceKeyInfo');
  const deviceKey = deviceKeyInfo instanceof Map ? deviceKeyInfo.get('deviceKey') : undefined;
  return { ...described, ...(deviceKey instanceof Map && { deviceKeyInfo: { deviceKey: labelled(deviceKey, COSE_KEY_LABELS) } }) };
}

function labelled(map: unknown, labels: Record<number, string>): unknown {
  if (!(map instanceof Map)) return display(map);
  return Object.fromEntries(
    [...map].map(([label, value]) => {
      const name = typeof label === 'number' ? (labels[label] ?? String(label)) : String(label);
      if (name === 'alg' && typeof value === 'number') return [name, COSE_ALGORITHMS[value] ?? value];
      if (name === 'x5chain') return [name, (Array.isArray(value) ? value : [value]).map((der) => (der instanceof Uint8Array ? `<DER certificate, ${der.length} bytes>` : display(der)))];
      return [name, display(value)];
    }),
  );
}

/** RFC 8949 Section 3.4.5.1: tag 24 wraps an encoded data item. */
function embedded(value: unknown): unknown {
  return value instanceof Tag && value.tag === 24 && value.value instanceof Uint8Array ? decoder.decode(value.value) : value;
}

/** CBOR as JSON a person can read: maps as objects, byte strings as base64url (long ones by length), tags by number. */
function display(value: unknown): unknown {
  if (value instanceof Map) return Object.fromEntries([...value].map(([key, item]) => [String(key), display(item)]));
  if (Array.isArray(value)) return value.map(display);
  // cbor-x reads tag 0 into a Date; whole seconds are shown as ISO/IEC 18013-5 Section 9.1.2.4 writes them.
  if (value instanceof Date) return value.toISOString().replace('.000Z', 'Z');
  if (value instanceof Uint8Array) return value.length <= 64 ? Buffer.from(value).toString('base64url') : `<${value.length} bytes>`;
  if (value instanceof Tag) return value.tag === 24 ? display(embedded(value)) : value.tag === 1004 || value.tag === 0 ? value.value : { tag: value.tag, value: display(value.value) };
  return value;
}
