import { describe, expect, it } from '@jest/globals';
import { addressRanges, inRanges, isAddressOrRange } from './address-ranges.js';

describe('address ranges', () => {
  it('takes IPv4 and IPv6 addresses and CIDR ranges, nothing else', () => {
    for (const entry of ['127.0.0.1', '::1', '10.0.0.0/8', 'fd00::/8', '0.0.0.0/0']) expect(isAddressOrRange(entry)).toBe(true);
    for (const entry of ['localhost', '10.0.0.0/33', 'fd00::/129', '10.0.0.0/8/1', '10.0.0.0/', '10.0.0.0/x', '']) expect(isAddressOrRange(entry)).toBe(false);
  });

  it('finds an address in a range, an IPv4-mapped IPv6 address as its IPv4 address', () => {
    const ranges = addressRanges(['127.0.0.1', '::1', '10.0.0.0/8']);
    expect(inRanges(ranges, '127.0.0.1')).toBe(true);
    expect(inRanges(ranges, '::ffff:127.0.0.1')).toBe(true);
    expect(inRanges(ranges, '::1')).toBe(true);
    expect(inRanges(ranges, '10.200.3.4')).toBe(true);
    expect(inRanges(ranges, '127.0.0.2')).toBe(false);
    expect(inRanges(ranges, '203.0.113.7')).toBe(false);
  });

  it('finds nothing that is not an address, as X-Forwarded-For may carry', () => {
    expect(inRanges(addressRanges(['0.0.0.0/0']), 'unknown')).toBe(false);
    expect(inRanges(addressRanges(['0.0.0.0/0']), '')).toBe(false);
  });
});
