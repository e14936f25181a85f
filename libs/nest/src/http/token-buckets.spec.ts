import { describe, expect, it } from '@jest/globals';
import { fixedClock } from '@issuer/testing';
import { TokenBuckets } from './token-buckets.js';

const start = 1_780_000_000;

function takes(buckets: TokenBuckets, key: string, count: number): boolean[] {
  return Array.from({ length: count }, () => buckets.take(key).allowed);
}

describe('TokenBuckets', () => {
  it('allows a burst, then refuses with the seconds until the next token', () => {
    const clock = fixedClock(start);
    const buckets = new TokenBuckets({ perMinute: 6, burst: 3, maxKeys: 10 }, clock.now);
    expect(takes(buckets, '203.0.113.7', 3)).toEqual([true, true, true]);
    expect(buckets.take('203.0.113.7')).toEqual({ allowed: false, retryAfterSeconds: 10 });
    clock.advance(4);
    expect(buckets.take('203.0.113.7')).toEqual({ allowed: false, retryAfterSeconds: 6 });
  });

  it('refills at the sustained rate, never beyond the burst', () => {
    const clock = fixedClock(start);
    const buckets = new TokenBuckets({ perMinute: 60, burst: 2, maxKeys: 10 }, clock.now);
    expect(takes(buckets, 'a', 3)).toEqual([true, true, false]);
    clock.advance(1);
    expect(takes(buckets, 'a', 2)).toEqual([true, false]);
    clock.advance(0.5);
    expect(buckets.take('a')).toEqual({ allowed: false, retryAfterSeconds: 1 });
    clock.advance(3600);
    expect(takes(buckets, 'a', 3)).toEqual([true, true, false]);
  });

  it('counts each key on its own', () => {
    const buckets = new TokenBuckets({ perMinute: 60, burst: 1, maxKeys: 10 }, fixedClock(start).now);
    expect(takes(buckets, 'a', 2)).toEqual([true, false]);
    expect(takes(buckets, 'b', 2)).toEqual([true, false]);
  });

  it('keeps at most maxKeys buckets, dropping the least recently used', () => {
    const buckets = new TokenBuckets({ perMinute: 60, burst: 1, maxKeys: 2 }, fixedClock(start).now);
    expect(takes(buckets, 'a', 1)).toEqual([true]);
    expect(takes(buckets, 'b', 1)).toEqual([true]);
    expect(takes(buckets, 'a', 1)).toEqual([false]);
    expect(takes(buckets, 'c', 1)).toEqual([true]);
    expect(buckets.size).toBe(2);
    // b was used least recently, so it went and starts full; a is still empty.
    expect(takes(buckets, 'b', 1)).toEqual([true]);
    expect(takes(buckets, 'c', 1)).toEqual([false]);
  });

  it('sweeps the buckets that have refilled once a minute', () => {
    const clock = fixedClock(start);
    const buckets = new TokenBuckets({ perMinute: 60, burst: 100, maxKeys: 1000 }, clock.now);
    for (const key of ['a', 'b', 'c']) buckets.take(key);
    clock.advance(59);
    takes(buckets, 'd', 50);
    expect(buckets.size).toBe(4);
    clock.advance(1);
    buckets.take('e');
    // a, b and c refilled after a second; d lacks 49 tokens; e was just used.
    expect(buckets.size).toBe(2);
  });
});
