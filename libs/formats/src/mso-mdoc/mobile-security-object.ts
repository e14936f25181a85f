import { tdate } from './cbor.js';

export interface MobileSecurityObjectInput {
  docType: string;
  /** Per namespace, digestID to SHA-256 value digest. */
  valueDigests: Map<string, Map<number, Buffer>>;
  /** The holder key as COSE_Key. */
  deviceKey: Map<number, number | Buffer>;
  /** Epoch seconds. */
  signed: number;
  /** Epoch seconds. */
  validUntil: number;
  /** Token Status List Section 6.3 and ISO/IEC 18013-5 (second edition): the mdoc's status list entry. */
  status?: { status_list: { idx: number; uri: string } };
}

/**
 * The MobileSecurityObject of ISO/IEC 18013-5 Section 9.1.2.4: version 1.0, SHA-256 value digests,
 * the device key the mdoc is bound to, the docType, and validityInfo valid from the signing time.
 */
export function mobileSecurityObject(input: MobileSecurityObjectInput): Map<string, unknown> {
  return new Map<string, unknown>([
    ['version', '1.0'],
    ['digestAlgorithm', 'SHA-256'],
    ['valueDigests', input.valueDigests],
    ['deviceKeyInfo', new Map([['deviceKey', input.deviceKey]])],
    ['docType', input.docType],
    [
      'validityInfo',
      new Map([
        ['signed', tdate(input.signed)],
        ['validFrom', tdate(input.signed)],
        ['validUntil', tdate(input.validUntil)],
      ]),
    ],
    ...(input.status ? [['status', new Map([['status_list', new Map<string, unknown>([['idx', input.status.status_list.idx], ['uri', input.status.status_list.uri]])]])] as const] : []),
  ]);
}
