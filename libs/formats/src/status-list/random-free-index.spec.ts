import { describe, expect, it } from '@jest/globals';
import { randomFreeIndex } from './random-free-index.js';

function counts(draws: number, draw: () => number | undefined): Map<number | undefined, number> {
  const seen = new Map<number | undefined, number>();
  for (let i = 0; i < draws; i++) {
    const index = draw();
    seen.set(index, (seen.get(index) ?? 0) + 1);
  }
  return seen;
}

describe('random free index', () => {
  it('never picks a taken index, and picks every free one about equally often', () => {
    const taken = new Set([0, 1, 2, 3, 4]);
    const seen = counts(20_000, () => randomFreeIndex(10, taken));

    expect([...seen.keys()].sort()).toEqual([5, 6, 7, 8, 9]);
    // 4000 expected each; the standard deviation is about 57.
    for (const count of seen.values()) expect(Math.abs(count - 4000)).toBeLessThan(400);
  });

  it('stays uniform when nearly every index is taken', () => {
    const free = new Set([17, 940]);
    const seen = counts(2_000, () => randomFreeIndex(1000, (index) => !free.has(index)));

    expect([...seen.keys()].sort((a, b) => a! - b!)).toEqual([17, 940]);
    for (const count of seen.values()) expect(Math.abs(count - 1000)).toBeLessThan(200);
  });

  it('finds the one free index of a large list', () => {
    expect(randomFreeIndex(1 << 16, (index) => index !== 51_234)).toBe(51_234);
  });

  it('gives nothing when every index is taken', () => {
    expect(randomFreeIndex(4, new Set([0, 1, 2, 3]))).toBeUndefined();
    expect(randomFreeIndex(4, () => true)).toBeUndefined();
  });

  it('does not hand out indices in issuance order', () => {
    const taken = new Set<number>();
    const picked: number[] = [];
    for (let i = 0; i < 50; i++) {
      const index = randomFreeIndex(1 << 20, taken)!;
      taken.add(index);
      picked.push(index);
    }
    expect(new Set(picked).size).toBe(50);
    expect(picked).not.toEqual([...picked].sort((a, b) => a - b));
  });

  it('refuses a size that is not a positive integer', () => {
    expect(() => randomFreeIndex(0, new Set())).toThrow(RangeError);
  });
});
