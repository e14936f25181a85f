import { randomInt } from 'node:crypto';

// Random probes find a free index in few tries while most are free; past this many misses the list
// is nearly full and drawing among the free indices themselves is cheaper.
const PROBES = 64;

/**
 * A uniformly random index in [0, `size`) that `taken` does not hold, or undefined when every index
 * is taken. Sections 12.4 and 12.5 recommend random indices: sequential ones reveal issuance order
 * and volume and let parties correlate tokens issued close together.
 */
export function randomFreeIndex(size: number, taken: ReadonlySet<number> | ((index: number) => boolean)): number | undefined {
  if (!Number.isSafeInteger(size) || size < 1) throw new RangeError(`size must be a positive integer, not ${size}`);
  const isTaken = typeof taken === 'function' ? taken : (index: number) => taken.has(index);
  // Rejection sampling: each accepted probe is uniform over the free indices.
  for (let probe = 0; probe < PROBES; probe++) {
    const index = randomInt(size);
    if (!isTaken(index)) return index;
  }
  const free: number[] = [];
  for (let index = 0; index < size; index++) if (!isTaken(index)) free.push(index);
  return free.length === 0 ? undefined : free[randomInt(free.length)];
}
