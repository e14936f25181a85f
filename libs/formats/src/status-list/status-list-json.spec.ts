import { describe, expect, it } from '@jest/globals';
import { StatusList as IndependentStatusList } from '@sd-jwt/jwt-status-list';
import { createStatusList, getStatus, setStatus, type StatusList, type StatusListBits } from './status-list.js';
import { decodeStatusList, encodeStatusList } from './status-list-json.js';

const hex = (lst: string) => Buffer.from(lst, 'base64url').toString('hex');

/** Every entry that is not 0, as [index, status]. */
function nonZero(list: StatusList): Array<[number, number]> {
  const found: Array<[number, number]> = [];
  for (let index = 0; index < list.size; index++) {
    const status = getStatus(list, index);
    if (status !== 0) found.push([index, status]);
  }
  return found;
}

const vector = (bits: StatusListBits, statuses: Array<[number, number]>, lst: string) => ({ bits, statuses, lst: lst.replace(/\s+/g, '') });

// The spec's test vectors: lists of 2^20 entries with these statuses, encoded as published.
const TEST_VECTORS = [
  vector(
    1,
    [[0, 1], [1993, 1], [25460, 1], [159495, 1], [495669, 1], [554353, 1], [645645, 1], [723232, 1], [854545, 1], [934534, 1], [1000345, 1]],
    `eNrt3AENwCAMAEGogklACtKQPg9LugC9k_ACvreiogE
      AAKkeCQAAAAAAAAAAAAAAAAAAAIBylgQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA
      AAAAAAAAAAAAAAAAAAAXG9IAAAAAAAAAPwsJAAAAAAAAAAAAAAAvhsSAAAAAAAAAAA
      A7KpLAAAAAAAAAAAAAAAAAAAAAJsLCQAAAAAAAAAAADjelAAAAAAAAAAAKjDMAQAAA
      ACAZC8L2AEb`,
  ),
  vector(
    2,
    [[0, 1], [1993, 2], [25460, 1], [159495, 3], [495669, 1], [554353, 1], [645645, 2], [723232, 1], [854545, 1], [934534, 2], [1000345, 3]],
    `eNrt2zENACEQAEEuoaBABP5VIO01fCjIHTMStt9ovGV
      IAAAAAABAbiEBAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAEB5WwIAAAAAA
      AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA
      AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAID0ugQAAAAAAAAAAAAAAAAAQG12SgAAA
      AAAAAAAAAAAAAAAAAAAAAAAAOCSIQEAAAAAAAAAAAAAAAAAAAAAAAD8ExIAAAAAAAA
      AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAwJEuAQAAAAAAAAAAAAAAAAAAAAAAAMB9S
      wIAAAAAAAAAAAAAAAAAAACoYUoAAAAAAAAAAAAAAEBqH81gAQw`,
  ),
  vector(
    4,
    [
      [0, 1], [1993, 2], [35460, 3], [459495, 4], [595669, 5], [754353, 6], [845645, 7], [923232, 8],
      [924445, 9], [934534, 10], [1000345, 12], [1004534, 11], [1030203, 13], [1030204, 14], [1030205, 15],
    ],
    `eNrt0EENgDAQADAIHwImkIIEJEwCUpCEBBQRHOy35Li
      1EjoOQGabAgAAAAAAAAAAAAAAAAAAACC1SQEAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA
      AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA
      AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA
      AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA
      AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAABADrsCAAAAAAAAAAAAAAAAA
      AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA
      AAADoxaEAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA
      AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAIIoCgAAAAAAAAAAAAAAAAA
      AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAACArpwKAAAAAAAAAAAAAAAAAAAAA
      AAAAAAAAAAAAAAAAAAAAAAAAAAAAGhqVkAzlwIAAAAAiGVRAAAAAAAAAAAAAAAAAAA
      AAAAAAAAAAAAAAAAAAAAAAABx3AoAgLpVAQAAAAAAAAAAAAAAwM89rwMAAAAAAAAAA
      AjsA9xMBMA`,
  ),
];

describe('status list encoding (Section 4.2)', () => {
  it('compresses the spec example of 16 one-bit entries to 78dadbb918000217015d', () => {
    const list = createStatusList(16, 1);
    [0, 3, 4, 5, 7, 8, 9, 13, 15].forEach((index) => setStatus(list, index, 1));
    const json = encodeStatusList(list);
    expect(json.bits).toBe(1);
    expect(hex(json.lst)).toBe('78dadbb918000217015d');
  });

  it('compresses the spec example of 12 two-bit entries to 78da3be9f2130003df0207', () => {
    const list = createStatusList(12, 2);
    [1, 2, 0, 3, 0, 1, 0, 1, 1, 2, 3, 3].forEach((status, index) => setStatus(list, index, status));
    expect(hex(encodeStatusList(list).lst)).toBe('78da3be9f2130003df0207');
  });

  it.each(TEST_VECTORS)('decodes the $bits-bit test vector to exactly its stated statuses', ({ bits, statuses, lst }) => {
    const list = decodeStatusList({ bits, lst });
    expect(list.size).toBe(2 ** 20);
    expect(nonZero(list)).toEqual([...statuses].sort(([a], [b]) => a - b));
  });

  it.each(TEST_VECTORS)('encodes the $bits-bit test vector statuses so that both decoders read them back', ({ bits, statuses }) => {
    const list = createStatusList(2 ** 20, bits);
    for (const [index, status] of statuses) setStatus(list, index, status);
    const json = encodeStatusList(list);

    expect(nonZero(decodeStatusList(json))).toEqual(nonZero(list));
    const independent = IndependentStatusList.decompressStatusList(json.lst, json.bits);
    for (const [index, status] of statuses) expect(independent.getStatus(index)).toBe(status);
    expect(independent.getStatus(1)).toBe(0);
  });

  it('reads a list the independent library compressed', () => {
    const statuses = Array.from({ length: 64 }, (_, index) => index % 4);
    const lst = new IndependentStatusList(statuses, 2).compressStatusList();
    const list = decodeStatusList({ bits: 2, lst });
    expect(Array.from({ length: 64 }, (_, index) => getStatus(list, index))).toEqual(statuses);
  });

  it('refuses bits outside 1, 2, 4, 8, an lst that is not base64url or not ZLIB, and an lst inflating past the bound', () => {
    const { lst } = encodeStatusList(createStatusList(1024, 8));
    expect(() => decodeStatusList({ bits: 3, lst })).toThrow('bits must be 1, 2, 4 or 8');
    expect(() => decodeStatusList({ bits: 1, lst: `${lst}=` })).toThrow('base64url');
    expect(() => decodeStatusList({ bits: 1, lst: 42 })).toThrow('base64url');
    expect(() => decodeStatusList({ bits: 8, lst }, 1023)).toThrow('lst inflates to more than 1023 bytes');
    expect(() => decodeStatusList({ bits: 8, lst: 'AAAA' })).toThrow('lst is not ZLIB-compressed data');
    expect(decodeStatusList({ bits: 8, lst }, 1024).size).toBe(1024);
  });
});
