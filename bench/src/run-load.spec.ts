import { describe, expect, it } from '@jest/globals';
import { runLoad } from './run-load.js';
import { FlowError, type FlowResult } from './wallet-flow.js';

const ok = (ms = 1): FlowResult => ({ totalMs: ms, steps: { token: ms / 2, credential: ms / 2 }, nonceRetries: 0 });
const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('runLoad', () => {
  it('starts exactly the planned number of flows, never more than `concurrency` at once', async () => {
    let running = 0;
    let peak = 0;
    const outcome = await runLoad({
      concurrency: 4,
      flows: 25,
      runFlow: async () => {
        peak = Math.max(peak, ++running);
        await tick();
        running--;
        return ok();
      },
    });
    expect(outcome).toMatchObject({ attempted: 25, completed: 25, failed: 0 });
    expect(peak).toBe(4);
    expect(outcome.flowMs).toHaveLength(25);
    expect(outcome.stepMs.token).toHaveLength(25);
    expect(outcome.stepMs.verify).toHaveLength(0);
  });

  it('stops starting flows at the deadline', async () => {
    const outcome = await runLoad({ concurrency: 2, deadline: performance.now() + 50, runFlow: async () => (await new Promise((r) => setTimeout(r, 5)), ok()) });
    expect(outcome.attempted).toBeGreaterThan(2);
    expect(outcome.attempted).toBeLessThan(40);
    expect(outcome.wallMs).toBeGreaterThanOrEqual(45);
  });

  it('stops starting flows once aborted', async () => {
    const abort = new AbortController();
    const outcome = await runLoad({
      concurrency: 3,
      flows: 1000,
      signal: abort.signal,
      runFlow: async (index) => {
        if (index === 10) abort.abort();
        await tick();
        return ok();
      },
    });
    expect(outcome.attempted).toBeLessThanOrEqual(13);
  });

  it('groups failures by code and keeps a few messages', async () => {
    const outcome = await runLoad({
      concurrency: 2,
      flows: 12,
      runFlow: async (index) => {
        if (index % 3 === 0) throw new FlowError('token 400 invalid_grant', `flow ${index}: the code was used`, {});
        if (index === 4) throw new TypeError('boom');
        return ok();
      },
    });
    expect(outcome).toMatchObject({ attempted: 12, completed: 7, failed: 5 });
    expect(outcome.errors).toEqual({ 'token 400 invalid_grant': 4, 'unexpected TypeError': 1 });
    expect(outcome.errorSamples).toHaveLength(5);
    expect(outcome.flowMs).toHaveLength(7);
  });
});
