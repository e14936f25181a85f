import { Encoder, Tag, type Options } from 'cbor-x';

// cbor-x adds tags of its own unless told not to: 259 on every Map and 64 on every Uint8Array.
// Maps carry the integer keys COSE needs; variableMapSize gives the shortest map headers
// (RFC 8949 Section 4.2.1), which the PID Rulebook Section 3.1.1 requires.
const encoder = new Encoder({
  useRecords: false,
  mapsAsObjects: false,
  variableMapSize: true,
  tagUint8Array: false,
  useTag259ForMaps: false,
} as Options & { useTag259ForMaps: boolean });

/** The CBOR encoding of a value, in a buffer of its own (cbor-x hands out views of a shared one). */
export function encodeCbor(value: unknown): Buffer {
  return Buffer.from(encoder.encode(value));
}

/** RFC 8949 Section 3.4.5.1: tag 24, an embedded CBOR data item carried as its encoded bytes. */
export function encodedCborDataItem(encoded: Buffer): Tag {
  return new Tag(encoded, 24);
}

/** RFC 8949 Section 3.4.1: tag 0 `tdate`; ISO/IEC 18013-5 Section 9.1.2.4 allows no fraction of seconds. */
export function tdate(epochSeconds: number): Tag {
  return new Tag(new Date(epochSeconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z'), 0);
}

/** RFC 8943 Section 3: tag 1004 `full-date`, an RFC 3339 full-date string. */
export function fullDate(date: string): Tag {
  return new Tag(date, 1004);
}
