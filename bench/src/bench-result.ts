import type { PlatformMode } from './bench-options.js';
import type { CryptoFloor } from './crypto-floor.js';
import type { LatencySummary } from './latency-summary.js';
import type { FlowStep } from './wallet-flow.js';

export interface UsagePerFlow {
  name: string;
  pids: number[];
  cpuMs: number;
  cpuMsPerFlow: number;
  /** Average cores kept busy over the measured phase (CPU time / wall time). */
  coresBusy: number;
  peakRssBytes?: number;
  exited?: boolean;
}

export interface BenchResult {
  startedAt: string;
  target: { mode: PlatformMode | 'running'; url: string; credentialIssuer: string; rootPids: number[] };
  options: {
    concurrency: number;
    flows: number | null;
    durationSeconds: number | null;
    warmup: number;
    configurationId: string;
    txCode: boolean;
    verifyEvery: number;
    timeoutSeconds: number;
  };
  machine: {
    cores: number;
    cpuModel: string;
    node: string;
    kernel: string;
    loadAverage1m: number;
    /** Cores busy with anything (all processes, the kernel) during the measured phase, from /proc/stat. */
    coresBusy: number;
  };
  cryptoFloor: CryptoFloor;
  warmup: { attempted: number; completed: number; failed: number; errors: Record<string, number> };
  flows: {
    attempted: number;
    completed: number;
    failed: number;
    verified: number;
    wallSeconds: number;
    perSecond: number;
    dpopNonceRetries: number;
  };
  latencyMs: { flow: LatencySummary; steps: Record<FlowStep, LatencySummary> };
  errors: Record<string, number>;
  errorSamples: string[];
  /** Absent when the platform's process ids are unknown (--url without --pid). */
  platform?: {
    cpuMsPerFlow: number;
    coresBusy: number;
    /** Sum of every process's peak RSS: an upper bound of what the platform held at once. */
    peakRssBytes: number;
    /** cryptoFloor.issuanceMilliseconds / cpuMsPerFlow. */
    efficiency: number;
    processes: UsagePerFlow[];
    infrastructure: UsagePerFlow[];
  };
  client: { cpuMsPerFlow: number; coresBusy: number; eventLoopUtilization: number; peakRssBytes: number };
  notes: string[];
}
