import { describe, expect, it } from '@jest/globals';
import { createStatusList, getStatus, setStatus, type StatusListBits } from './status-list.js';
import { StatusType } from './status-type.js';

describe('status list', () => {
  it('starts with every entry VALID', () => {
    const list = createStatusList(64, 2);
    expect(Array.from({ length: 64 }, (_, index) => getStatus(list, index))).toEqual(Array(64).fill(StatusType.VALID));
    expect(list.bytes).toHaveLength(16);
  });

  it('packs the spec example of 16 one-bit entries into 0xB9 0xA3 (Section 4.1)', () => {
    const list = createStatusList(16, 1);
    [1, 0, 0, 1, 1, 1, 0, 1, 1, 1, 0, 0, 0, 1, 0, 1].forEach((status, index) => setStatus(list, index, status));
    expect(Array.from(list.bytes)).toEqual([0xb9, 0xa3]);
  });

  it('packs the spec example of 12 two-bit entries into 0xC9 0x44 0xF9 (Section 4.1)', () => {
    const list = createStatusList(12, 2);
    [0b01, 0b10, 0b00, 0b11, 0b00, 0b01, 0b00, 0b01, 0b01, 0b10, 0b11, 0b11].forEach((status, index) => setStatus(list, index, status));
    expect(Array.from(list.bytes)).toEqual([0xc9, 0x44, 0xf9]);
  });

  it.each([1, 2, 4, 8] as const)('reads back what was set with %i bit(s) per entry, leaving neighbours untouched', (bits: StatusListBits) => {
    const size = 40;
    const list = createStatusList(size, bits);
    const max = (1 << bits) - 1;
    const expected = Array.from({ length: size }, (_, index) => (index * 7 + 3) % (max + 1));
    expected.forEach((status, index) => setStatus(list, index, status));
    expect(Array.from({ length: size }, (_, index) => getStatus(list, index))).toEqual(expected);

    setStatus(list, 5, max);
    setStatus(list, 5, 0);
    expect(getStatus(list, 4)).toBe(expected[4]);
    expect(getStatus(list, 5)).toBe(0);
    expect(getStatus(list, 6)).toBe(expected[6]);
  });

  it('rounds the byte array up when the entries do not fill the last byte', () => {
    const list = createStatusList(9, 1);
    expect(list.bytes).toHaveLength(2);
    setStatus(list, 8, StatusType.INVALID);
    expect(Array.from(list.bytes)).toEqual([0, 1]);
  });

  it('refuses indices outside the list and values that do not fit', () => {
    const list = createStatusList(8, 1);
    expect(() => getStatus(list, 8)).toThrow(RangeError);
    expect(() => getStatus(list, -1)).toThrow(RangeError);
    expect(() => setStatus(list, 1.5, 1)).toThrow(RangeError);
    expect(() => setStatus(list, 0, StatusType.SUSPENDED)).toThrow('does not fit in 1 bit');
    expect(() => setStatus(createStatusList(4, 2), 0, 4)).toThrow(RangeError);
  });

  it('refuses a bit size the spec does not allow and an empty list', () => {
    expect(() => createStatusList(8, 3 as StatusListBits)).toThrow('bits must be 1, 2, 4 or 8');
    expect(() => createStatusList(0, 1)).toThrow(RangeError);
  });
});
