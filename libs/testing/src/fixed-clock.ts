export interface FixedClock {
  /** Epoch seconds. */
  now(): number;
  advance(seconds: number): void;
  set(epochSeconds: number): void;
}

/** A clock that moves only when a test moves it. */
export function fixedClock(epochSeconds: number): FixedClock {
  let current = epochSeconds;
  return {
    now: () => current,
    advance: (seconds) => {
      current += seconds;
    },
    set: (value) => {
      current = value;
    },
  };
}
