import { describe, expect, it } from '@jest/globals';
import { formatTable } from './format-table.js';
import { runBench } from './run-bench.js';

// Starts the built platform (apps/platform/dist): the test command builds before the unit tests.
describe('npm run bench -- --mode embedded (smoke)', () => {
  it('completes 10 flows without an error and reports them', async () => {
    const result = await runBench({ mode: 'embedded', flows: 10, concurrency: 4, warmup: 2, verifyEvery: 1, floorMilliseconds: 100 });

    expect(result.errors).toEqual({});
    expect(result.warmup).toMatchObject({ completed: 2, failed: 0 });
    expect(result.flows).toMatchObject({ attempted: 10, completed: 10, failed: 0, verified: 10 });
    expect(result.latencyMs.flow.count).toBe(10);
    expect(result.latencyMs.steps.credential.count).toBe(10);
    expect(result.platform?.processes.map((process) => process.name)).toContain('platform (embedded)');
    expect(result.platform?.cpuMsPerFlow).toBeGreaterThan(0);
    expect(result.client.cpuMsPerFlow).toBeGreaterThan(0);
    expect(formatTable(result)).toContain('10 of 10 flows completed');
  }, 180_000);
});
