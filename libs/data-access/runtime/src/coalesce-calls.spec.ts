import { describe, expect, it } from '@jest/globals';
import { coalesceCalls } from './coalesce-calls.js';

function deferred(): { promise: Promise<void>; release(): void } {
  let release!: () => void;
  const promise = new Promise<void>((resolve) => (release = resolve));
  return { promise, release };
}

describe('coalesceCalls', () => {
  it('runs the calls of one turn together, and the calls made while they run together in the next batch', async () => {
    const batches: number[][] = [];
    const gate = deferred();
    const started = deferred();
    const call = coalesceCalls(async (inputs: number[]) => {
      batches.push(inputs);
      if (batches.length === 1) {
        started.release();
        await gate.promise;
      }
      return inputs.map((input) => input * 10);
    });

    const first = [call(1), call(2)];
    expect(batches).toEqual([]);
    await started.promise;
    const rest = [call(3), call(4), call(5)];
    await new Promise((resolve) => setImmediate(resolve));
    expect(batches).toEqual([[1, 2]]);
    gate.release();

    expect(await Promise.all(first)).toEqual([10, 20]);
    expect(await Promise.all(rest)).toEqual([30, 40, 50]);
    expect(batches).toEqual([[1, 2], [3, 4, 5]]);
  });

  it('splits a queue longer than maxBatch', async () => {
    const sizes: number[] = [];
    const gate = deferred();
    const call = coalesceCalls(
      async (inputs: number[]) => {
        sizes.push(inputs.length);
        if (sizes.length === 1) await gate.promise;
        return inputs;
      },
      { maxBatch: 3 },
    );
    const calls = Array.from({ length: 8 }, (_, index) => call(index));
    gate.release();
    expect(await Promise.all(calls)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(sizes).toEqual([3, 3, 2]);
  });

  it('rejects every call of a failed batch with its error, and goes on with the next', async () => {
    const gate = deferred();
    let runs = 0;
    const call = coalesceCalls(async (inputs: string[]) => {
      runs += 1;
      if (runs === 1) await gate.promise;
      if (runs === 2) throw new Error('database gone');
      return inputs.map((input) => input.toUpperCase());
    });
    const first = call('a');
    await new Promise((resolve) => setImmediate(resolve));
    const failed = [call('b'), call('c')];
    gate.release();
    expect(await first).toBe('A');
    for (const result of failed) await expect(result).rejects.toThrow('database gone');
    expect(await call('d')).toBe('D');
  });
});
