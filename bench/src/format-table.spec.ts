import { describe, expect, it } from '@jest/globals';
import type { BenchResult } from './bench-result.js';
import { formatTable } from './format-table.js';
import { summarizeLatencies } from './latency-summary.js';
import { flowSteps } from './wallet-flow.js';

const latencies = summarizeLatencies([10, 20, 30, 40]);
const result: BenchResult = {
  startedAt: '2026-01-01T00:00:00.000Z',
  target: { mode: 'distributed', url: 'http://127.0.0.1:3000', credentialIssuer: 'http://127.0.0.1:3000', rootPids: [10] },
  options: { concurrency: 8, flows: 4, durationSeconds: null, warmup: 0, configurationId: 'pid', txCode: true, verifyEvery: 2, timeoutSeconds: 30 },
  machine: { cores: 2, cpuModel: 'cpu', node: 'v24', kernel: '6', loadAverage1m: 1, coresBusy: 1.5 },
  cryptoFloor: { signPerSecond: 20000, verifyPerSecond: 10000, signMicroseconds: 50, verifyMicroseconds: 100, issuanceMilliseconds: 0.5, formula: '4 ES256 verifications + 2 ES256 signatures' },
  warmup: { attempted: 0, completed: 0, failed: 0, errors: {} },
  flows: { attempted: 5, completed: 4, failed: 1, verified: 2, wallSeconds: 2, perSecond: 2, dpopNonceRetries: 0 },
  latencyMs: { flow: latencies, steps: Object.fromEntries(flowSteps.map((step) => [step, latencies])) as BenchResult['latencyMs']['steps'] },
  errors: { 'credential 400 invalid_proof': 1 },
  errorSamples: ['credential: expected 200, got 400'],
  platform: {
    cpuMsPerFlow: 5,
    coresBusy: 0.01,
    peakRssBytes: 300 * 1024 * 1024,
    efficiency: 0.1,
    processes: [{ name: 'gateway (distributed.js)', pids: [10], cpuMs: 8, cpuMsPerFlow: 2, coresBusy: 0.004, peakRssBytes: 100 * 1024 * 1024 }],
    infrastructure: [{ name: 'nats-server (whole server)', pids: [99], cpuMs: 4, cpuMsPerFlow: 1, coresBusy: 0.002 }],
  },
  client: { cpuMsPerFlow: 1.5, coresBusy: 0.003, eventLoopUtilization: 0.25, peakRssBytes: 80 * 1024 * 1024 },
  notes: ['a note'],
};

describe('formatTable', () => {
  it('prints throughput, every latency row, errors, CPU per process, the client and the efficiency', () => {
    const table = formatTable(result);
    expect(table).toContain('4 of 5 flows completed in 2.00 s = 2.0 flows/s');
    expect(table).toMatch(/whole flow\s+4\s+25\.0\s+20\.0\s+40\.0\s+40\.0\s+40\.0/);
    for (const label of ['POST /admin/v1/issuances', 'GET credential_offer_uri', 'POST /token', 'POST /nonce', 'POST /credential', 'verify SD-JWT VC (client)', 'POST /notification']) expect(table).toContain(label);
    expect(table).toMatch(/credential 400 invalid_proof\s+1/);
    expect(table).toMatch(/gateway \(distributed\.js\) \(pid 10\)\s+2\.000\s+0\.00\s+100\.0/);
    expect(table).toMatch(/platform total\s+5\.000/);
    expect(table).toMatch(/bench client \(this process\)\s+1\.500.*event loop 25 % busy/);
    expect(table).toContain('crypto floor 0.500 ms / platform CPU 5.000 ms per flow = 10.0 %');
    expect(table).toContain('tx_code on; 1 in 2 credentials verified');
    expect(table).toContain('whole machine: 1.50 of 2 cores busy');
    expect(table).toContain('Note: a note');
  });

  it('says so when the platform was not measured', () => {
    const table = formatTable({ ...result, platform: undefined });
    expect(table).toContain('platform: not measured');
    expect(table).not.toContain('Efficiency');
  });
});
