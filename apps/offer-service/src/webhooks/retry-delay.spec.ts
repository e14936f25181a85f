import { describe, expect, it } from '@jest/globals';
import { retryDelaySeconds } from './retry-delay.js';

describe('retryDelaySeconds', () => {
  it('doubles the wait after each failed attempt, starting at the base', () => {
    const policy = { baseSeconds: 5, maxAttempts: 6 };
    expect([1, 2, 3, 4, 5].map((attempt) => retryDelaySeconds(attempt, policy))).toEqual([5, 10, 20, 40, 80]);
  });

  it('stops after the last attempt', () => {
    expect(retryDelaySeconds(3, { baseSeconds: 1, maxAttempts: 3 })).toBeNull();
    expect(retryDelaySeconds(1, { baseSeconds: 1, maxAttempts: 1 })).toBeNull();
  });

  it('never waits longer than the cap', () => {
    expect(retryDelaySeconds(20, { baseSeconds: 60, maxAttempts: 30 })).toBe(6 * 3600);
    expect(retryDelaySeconds(4, { baseSeconds: 10, maxAttempts: 10, maxDelaySeconds: 30 })).toBe(30);
  });

  it('takes fractions of a second as the base', () => {
    expect(retryDelaySeconds(2, { baseSeconds: 0.25, maxAttempts: 5 })).toBe(0.5);
  });
});
