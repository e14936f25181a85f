import { describe, expect, it } from '@jest/globals';
import { ProcessCpuMeter, processName } from './process-cpu-meter.js';

describe('processName', () => {
  it('names the platform processes from their command lines', () => {
    expect(processName(1, '/usr/bin/node /work/main/apps/platform/dist/main.js')).toBe('platform (embedded)');
    expect(processName(1, '/usr/bin/node /work/main/apps/platform/dist/distributed.js')).toBe('gateway (distributed.js)');
    expect(processName(1, '/usr/bin/node /work/main/apps/credential-service/dist/main.js')).toBe('credential-service');
    expect(processName(1, '/bin/sh -c sleep 10')).toBe('/bin/sh -c');
    expect(processName(7, '')).toBe('pid 7');
  });
});

describe('ProcessCpuMeter', () => {
  it('measures the CPU a process spends between start and stop', () => {
    const meter = new ProcessCpuMeter([process.pid]);
    meter.start();
    const until = performance.now() + 150;
    while (performance.now() < until);
    const { platform, infrastructure } = meter.stop();
    const self = platform.find((usage) => usage.pid === process.pid);
    expect(self?.cpuMs).toBeGreaterThanOrEqual(80);
    expect(self?.peakRssBytes).toBeGreaterThan(0);
    expect(self?.exited).toBeUndefined();
    expect(infrastructure).toEqual([]);
  });
});
