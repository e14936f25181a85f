import { describe, expect, it } from '@jest/globals';
import { percentile, summarizeLatencies } from './latency-summary.js';

describe('percentile (nearest rank)', () => {
  const oneToHundred = Array.from({ length: 100 }, (_, i) => i + 1);

  it('picks the smallest sample with p % at or below it', () => {
    expect(percentile(oneToHundred, 50)).toBe(50);
    expect(percentile(oneToHundred, 95)).toBe(95);
    expect(percentile(oneToHundred, 99)).toBe(99);
    expect(percentile(oneToHundred, 100)).toBe(100);
    expect(percentile(oneToHundred, 0.5)).toBe(1);
  });

  it('rounds up between ranks and handles one sample and none', () => {
    expect(percentile([10, 20, 30], 50)).toBe(20);
    expect(percentile([10, 20, 30, 40], 50)).toBe(20);
    expect(percentile([10, 20, 30, 40], 51)).toBe(30);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
  });

  it('refuses percentiles outside (0, 100]', () => {
    expect(() => percentile([1], 0)).toThrow(RangeError);
    expect(() => percentile([1], 101)).toThrow(RangeError);
  });
});

describe('summarizeLatencies', () => {
  it('sorts numerically, not as strings, and reports count, mean and max', () => {
    const summary = summarizeLatencies([100, 9, 20, 3, 1000]);
    expect(summary).toEqual({ count: 5, mean: 226.4, p50: 20, p95: 1000, p99: 1000, max: 1000 });
  });

  it('summarizes 1000 samples with the tail where it belongs', () => {
    const samples = Array.from({ length: 1000 }, (_, i) => (i < 990 ? 10 : 500 + i));
    const summary = summarizeLatencies(samples.reverse());
    expect(summary.p50).toBe(10);
    expect(summary.p95).toBe(10);
    expect(summary.p99).toBe(10);
    expect(summary.max).toBe(1499);
  });

  it('does not reorder the caller’s array and gives NaN for no samples', () => {
    const samples = [3, 1, 2];
    summarizeLatencies(samples);
    expect(samples).toEqual([3, 1, 2]);
    const empty = summarizeLatencies([]);
    expect(empty.count).toBe(0);
    expect(empty.mean).toBeNaN();
    expect(empty.max).toBeNaN();
  });
});
