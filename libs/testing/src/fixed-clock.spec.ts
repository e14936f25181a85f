import { describe, expect, it } from '@jest/globals';
import { fixedClock } from './fixed-clock.js';

describe('fixedClock', () => {
  it('stays put until moved', () => {
    const clock = fixedClock(1_780_000_000);
    expect(clock.now()).toBe(1_780_000_000);
    clock.advance(61);
    expect(clock.now()).toBe(1_780_000_061);
    clock.set(5);
    expect(clock.now()).toBe(5);
  });
});
