/** Section 4.1: the number of bits per Referenced Token. */
export type StatusListBits = 1 | 2 | 4 | 8;

const BITS: readonly number[] = [1, 2, 4, 8];

/** The uncompressed byte array of Section 4.1 with the number of entries it holds. */
export interface StatusList {
  bits: StatusListBits;
  size: number;
  bytes: Uint8Array;
}

export function isStatusListBits(bits: unknown): bits is StatusListBits {
  return typeof bits === 'number' && BITS.includes(bits);
}

/** How many bytes `size` entries of `bits` need (Section 4.1 step 2). */
export function statusListByteLength(size: number, bits: StatusListBits): number {
  if (!isStatusListBits(bits)) throw new RangeError(`bits must be 1, 2, 4 or 8, not ${String(bits)}`);
  if (!Number.isSafeInteger(size) || size < 1) throw new RangeError(`size must be a positive integer, not ${size}`);
  return Math.ceil((size * bits) / 8);
}

/** `size` entries, all 0 (VALID): Section 13.3 recommends the most common value as the default. */
export function createStatusList(size: number, bits: StatusListBits): StatusList {
  return { bits, size, bytes: new Uint8Array(statusListByteLength(size, bits)) };
}

/** Section 4.1 step 3: entry `index` sits in byte `index * bits / 8`, packed from the least significant bit. */
function position(list: StatusList, index: number): { byte: number; shift: number; mask: number } {
  if (!Number.isSafeInteger(index) || index < 0 || index >= list.size) throw new RangeError(`index ${index} is outside the status list of ${list.size} entries`);
  const perByte = 8 / list.bits;
  return { byte: Math.floor(index / perByte), shift: (index % perByte) * list.bits, mask: (1 << list.bits) - 1 };
}

export function getStatus(list: StatusList, index: number): number {
  const { byte, shift, mask } = position(list, index);
  return (list.bytes[byte]! >> shift) & mask;
}

export function setStatus(list: StatusList, index: number, status: number): void {
  const { byte, shift, mask } = position(list, index);
  if (!Number.isInteger(status) || status < 0 || status > mask) throw new RangeError(`status ${status} does not fit in ${list.bits} bit(s)`);
  list.bytes[byte] = (list.bytes[byte]! & ~(mask << shift)) | (status << shift);
}
