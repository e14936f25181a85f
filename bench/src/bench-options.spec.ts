import { describe, expect, it } from '@jest/globals';
import { defaults, limits, resolveBenchOptions } from './bench-options.js';

describe('resolveBenchOptions', () => {
  it('fills the defaults, and runs a bounded number of flows when neither flows nor duration is given', () => {
    const options = resolveBenchOptions({ mode: 'embedded' });
    expect(options).toMatchObject({ mode: 'embedded', concurrency: defaults.concurrency, flows: defaults.flows, warmup: defaults.warmup, txCode: false, verifyEvery: 10 });
    expect(options.durationSeconds).toBeUndefined();
  });

  it('keeps a duration without inventing a flow count, and both when both are given', () => {
    expect(resolveBenchOptions({ mode: 'embedded', durationSeconds: 30 }).flows).toBeUndefined();
    expect(resolveBenchOptions({ mode: 'embedded', durationSeconds: 30, flows: 5 })).toMatchObject({ durationSeconds: 30, flows: 5 });
  });

  it('wants exactly one target', () => {
    expect(() => resolveBenchOptions({} as never)).toThrow(/exactly one of --mode/);
    expect(() => resolveBenchOptions({ mode: 'embedded', url: 'http://127.0.0.1:8080' })).toThrow(/exactly one of --mode/);
    expect(() => resolveBenchOptions({ mode: 'cluster' as never })).toThrow(/embedded or distributed/);
  });

  it.each([
    ['concurrency', limits.concurrency.min - 1],
    ['concurrency', limits.concurrency.max + 1],
    ['flows', 0],
    ['flows', limits.flows.max + 1],
    ['durationSeconds', 0],
    ['durationSeconds', limits.durationSeconds.max + 1],
    ['warmup', -1],
    ['warmup', limits.warmup.max + 1],
    ['verifyEvery', -1],
    ['timeoutSeconds', 0],
    ['port', 80],
    ['floorMilliseconds', 10],
    ['concurrency', 1.5],
    ['flows', Number.NaN],
  ] as const)('refuses %s = %d', (name, value) => {
    expect(() => resolveBenchOptions({ mode: 'embedded', [name]: value })).toThrow(/must be an integer from/);
  });

  it('accepts the bounds themselves', () => {
    expect(() => resolveBenchOptions({ mode: 'embedded', concurrency: limits.concurrency.max, flows: limits.flows.max, warmup: 0, verifyEvery: 0 })).not.toThrow();
    expect(() => resolveBenchOptions({ mode: 'embedded', concurrency: 1, flows: 1, durationSeconds: limits.durationSeconds.max })).not.toThrow();
  });

  it('takes a loopback URL and keeps only its origin', () => {
    expect(resolveBenchOptions({ url: 'http://127.0.0.1:8080/' }).url).toBe('http://127.0.0.1:8080');
    expect(resolveBenchOptions({ url: 'http://[::1]:8080' }).url).toBe('http://[::1]:8080');
    expect(resolveBenchOptions({ url: 'http://localhost:8080' }).url).toBe('http://localhost:8080');
  });

  it('refuses any other host, other schemes and paths', () => {
    expect(() => resolveBenchOptions({ url: 'http://10.0.0.5:8080' })).toThrow(/loopback/);
    expect(() => resolveBenchOptions({ url: 'http://issuer.example.com' })).toThrow(/loopback/);
    expect(() => resolveBenchOptions({ url: 'https://127.0.0.1:8443' })).toThrow(/http:/);
    expect(() => resolveBenchOptions({ url: 'http://127.0.0.1:8080/issuer' })).toThrow(/without a path/);
    expect(() => resolveBenchOptions({ url: 'not a url' })).toThrow(/not a URL/);
  });

  it('pairs the target-specific options with their target', () => {
    expect(resolveBenchOptions({ url: 'http://127.0.0.1:8080', pids: [42, 43], adminApiKey: 'k' }).pids).toEqual([42, 43]);
    expect(() => resolveBenchOptions({ mode: 'embedded', pids: [42] })).toThrow(/--pid only goes with --url/);
    expect(() => resolveBenchOptions({ url: 'http://127.0.0.1:8080', pids: [0] })).toThrow(/positive integers/);
    expect(() => resolveBenchOptions({ mode: 'embedded', adminApiKey: 'k' })).toThrow(/--admin-key only goes with --url/);
    expect(() => resolveBenchOptions({ url: 'http://127.0.0.1:8080', port: 9000 })).toThrow(/only go with --mode/);
  });
});
