import { describe, expect, it } from '@jest/globals';
import { randomOctets } from './random-octets.js';

describe('randomOctets', () => {
  it('returns the length asked for, small or larger than the pool serves', () => {
    for (const length of [0, 1, 16, 32, 1024, 1025, 10_000]) expect(randomOctets(length)).toHaveLength(length);
  });

  it('never hands out the same octets twice, across pool refills', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 2000; i++) seen.add(randomOctets(16).toString('hex'));
    expect(seen.size).toBe(2000);
  });

  it('gives independent buffers: changing one does not change the next', () => {
    const first = randomOctets(32);
    const copy = Buffer.from(first);
    const second = randomOctets(32);
    second.fill(0);
    expect(first.equals(copy)).toBe(true);
  });

  it('spreads over every octet value (no stuck zeroes from the cleared pool)', () => {
    const counts = new Array<number>(256).fill(0);
    for (let i = 0; i < 512; i++) for (const octet of randomOctets(32)) counts[octet] = (counts[octet] ?? 0) + 1;
    // 16,384 octets, 64 expected per value: a value seen fewer than 20 times means a broken source.
    expect(Math.min(...counts)).toBeGreaterThan(20);
    expect(Math.max(...counts)).toBeLessThan(130);
  });
});
