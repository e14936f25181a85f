import { availableParallelism, cpus, loadavg, release } from 'node:os';
import { resolveBenchOptions, type BenchInput, type BenchOptions } from './bench-options.js';
import type { BenchResult, UsagePerFlow } from './bench-result.js';
import { measureCryptoFloor } from './crypto-floor.js';
import { discoverIssuer } from './discover-endpoints.js';
import { HttpClient } from './http-client.js';
import { summarizeLatencies } from './latency-summary.js';
import { LoopbackGuard } from './loopback-guard.js';
import { demoPid as pidClaims } from '@issuer/platform';
import { clockTicksPerSecond, readMachineCpu, readProcStat } from './proc-stat.js';
import { ProcessCpuMeter } from './process-cpu-meter.js';
import { runLoad, type LoadOutcome } from './run-load.js';
import { createSdJwtVcVerifier } from './sd-jwt-vc-verifier.js';
import { startPlatform, type StartedPlatform } from './start-platform.js';
import { flowSteps, runWalletFlow, type CredentialVerifier, type FlowSettings } from './wallet-flow.js';

export interface BenchControl {
  signal?: AbortSignal;
  /** Progress lines (what the bench is doing now); silent by default. */
  log?: (line: string) => void;
}

const sdJwtFormats = new Set(['dc+sd-jwt', 'vc+sd-jwt']);

/**
 * Measures complete pre-authorized issuances against a platform it starts (`mode`) or one that runs
 * (`url`): the crypto floor first, on a quiet machine, then a warm-up, then the measured phase
 * with the CPU of every platform process and of the bench itself read around it.
 */
export async function runBench(input: BenchInput, control: BenchControl = {}): Promise<BenchResult> {
  const options = resolveBenchOptions(input);
  const log = control.log ?? (() => undefined);
  const startedAt = new Date().toISOString();
  const notes: string[] = [];

  const givenAdminApiKey = options.adminApiKey ?? process.env['ADMIN_API_KEY'];
  if (options.url !== undefined) {
    if (!givenAdminApiKey) throw new Error('--url needs the management API key: --admin-key or ADMIN_API_KEY');
    const missing = (options.pids ?? []).filter((pid) => readProcStat(pid) === undefined);
    if (missing.length > 0) throw new Error(`No process with id ${missing.join(', ')}: --pid names the running platform's process`);
  }

  log(`Crypto floor: ES256 sign and verify with node:crypto, ${options.floorMilliseconds} ms each`);
  const cryptoFloor = measureCryptoFloor(options.floorMilliseconds);

  let platform: StartedPlatform | undefined;
  if (options.mode) {
    log(`Starting the ${options.mode} platform`);
    platform = await startPlatform(options.mode, { ...(options.port !== undefined && { port: options.port }), ...(options.cpuProfileDir !== undefined && { cpuProfileDir: options.cpuProfileDir }) });
  }
  const guard = new LoopbackGuard();
  const http = new HttpClient(guard, options.concurrency, options.timeoutSeconds * 1000);
  try {
    const baseUrl = platform?.baseUrl ?? options.url!;
    const adminApiKey = platform?.adminApiKey ?? givenAdminApiKey!;
    const rootPids = platform ? [platform.pid] : (options.pids ?? []);
    if (rootPids.length === 0) notes.push('No --pid given: the platform CPU per flow and the efficiency are not measured.');

    await guard.approve(baseUrl);
    const { endpoints, format } = await discoverIssuer(http, guard, baseUrl, options.configurationId);
    const claims = options.claims ?? pidClaims;
    const settings: FlowSettings = { endpoints, adminApiKey, configurationId: options.configurationId, claims, txCode: options.txCode };
    let verifier: CredentialVerifier | undefined;
    if (options.verifyEvery > 0 && sdJwtFormats.has(format)) verifier = await createSdJwtVcVerifier(http, endpoints.credentialIssuer, claims);
    else if (options.verifyEvery > 0) notes.push(`${options.configurationId} is ${format}, not an SD-JWT VC: credentials are not verified.`);
    const runFlow = (index: number) => runWalletFlow(http, settings, verifier && index % options.verifyEvery === 0 ? verifier : undefined);

    log(`Warm-up: ${options.warmup} flows at concurrency ${options.concurrency}`);
    const warmup = options.warmup > 0 ? await runLoad({ concurrency: options.concurrency, flows: options.warmup, ...signal(control), runFlow }) : undefined;

    log(`Measuring: ${describeBound(options)} at concurrency ${options.concurrency} against ${baseUrl}`);
    const meter = new ProcessCpuMeter(rootPids, platform?.database);
    meter.start();
    const machineStart = readMachineCpu();
    const clientCpuStart = process.cpuUsage();
    const eluStart = performance.eventLoopUtilization();
    const measured = await runLoad({
      concurrency: options.concurrency,
      ...(options.flows !== undefined && { flows: options.flows }),
      ...(options.durationSeconds !== undefined && { deadline: performance.now() + options.durationSeconds * 1000 }),
      ...signal(control),
      runFlow,
    });
    const usage = meter.stop();
    const machineBusyMs = ((readMachineCpu().busyTicks - machineStart.busyTicks) * 1000) / clockTicksPerSecond();
    const clientCpu = process.cpuUsage(clientCpuStart);
    const elu = performance.eventLoopUtilization(eluStart);
    if (control.signal?.aborted) notes.push('Interrupted: the numbers cover the flows run until then.');

    const wallMs = measured.wallMs;
    const perFlow = (cpuMs: number) => (measured.completed > 0 ? cpuMs / measured.completed : Number.NaN);
    const toUsage = (name: string, pids: number[], cpuMs: number, extra: Partial<UsagePerFlow> = {}): UsagePerFlow => ({
      name,
      pids,
      cpuMs,
      cpuMsPerFlow: perFlow(cpuMs),
      coresBusy: cpuMs / wallMs,
      ...extra,
    });
    const processes = usage.platform.map((process) =>
      toUsage(process.name, [process.pid], process.cpuMs, {
        ...(process.peakRssBytes !== undefined && { peakRssBytes: process.peakRssBytes }),
        ...(process.exited && { exited: true }),
      }),
    );
    if (processes.some((process) => process.exited)) notes.push('A platform process exited during the measured phase: its CPU is missing from the totals.');
    const platformCpuMs = processes.reduce((sum, process) => sum + process.cpuMs, 0);
    const clientCpuMs = (clientCpu.user + clientCpu.system) / 1000;

    return {
      startedAt,
      target: { mode: options.mode ?? 'running', url: baseUrl, credentialIssuer: endpoints.credentialIssuer, rootPids },
      options: {
        concurrency: options.concurrency,
        flows: options.flows ?? null,
        durationSeconds: options.durationSeconds ?? null,
        warmup: options.warmup,
        configurationId: options.configurationId,
        txCode: options.txCode,
        verifyEvery: verifier ? options.verifyEvery : 0,
        timeoutSeconds: options.timeoutSeconds,
      },
      machine: {
        cores: availableParallelism(),
        cpuModel: cpus()[0]?.model ?? 'unknown',
        node: process.version,
        kernel: release(),
        loadAverage1m: loadavg()[0] ?? Number.NaN,
        coresBusy: machineBusyMs / wallMs,
      },
      cryptoFloor,
      warmup: warmup ? { attempted: warmup.attempted, completed: warmup.completed, failed: warmup.failed, errors: warmup.errors } : { attempted: 0, completed: 0, failed: 0, errors: {} },
      flows: {
        attempted: measured.attempted,
        completed: measured.completed,
        failed: measured.failed,
        verified: measured.stepMs.verify.length,
        wallSeconds: wallMs / 1000,
        perSecond: measured.completed / (wallMs / 1000),
        dpopNonceRetries: measured.dpopNonceRetries,
      },
      latencyMs: latencies(measured),
      errors: measured.errors,
      errorSamples: measured.errorSamples,
      ...(rootPids.length > 0 && {
        platform: {
          cpuMsPerFlow: perFlow(platformCpuMs),
          coresBusy: platformCpuMs / wallMs,
          peakRssBytes: processes.reduce((sum, process) => sum + (process.peakRssBytes ?? 0), 0),
          efficiency: cryptoFloor.issuanceMilliseconds / perFlow(platformCpuMs),
          processes,
          infrastructure: usage.infrastructure.map((group) => toUsage(group.name, group.pids, group.cpuMs)),
        },
      }),
      client: {
        cpuMsPerFlow: perFlow(clientCpuMs),
        coresBusy: clientCpuMs / wallMs,
        eventLoopUtilization: elu.utilization,
        peakRssBytes: process.resourceUsage().maxRSS * 1024,
      },
      notes,
    };
  } finally {
    http.close();
    if (platform) {
      log(`Stopping the ${platform.mode} platform`);
      await platform.stop();
    }
  }
}

function latencies(outcome: LoadOutcome): BenchResult['latencyMs'] {
  return {
    flow: summarizeLatencies(outcome.flowMs),
    steps: Object.fromEntries(flowSteps.map((step) => [step, summarizeLatencies(outcome.stepMs[step])])) as BenchResult['latencyMs']['steps'],
  };
}

function signal(control: BenchControl): { signal?: AbortSignal } {
  return control.signal ? { signal: control.signal } : {};
}

function describeBound(options: BenchOptions): string {
  const parts = [options.flows !== undefined && `${options.flows} flows`, options.durationSeconds !== undefined && `${options.durationSeconds} s`].filter(Boolean);
  return parts.join(' or ');
}
