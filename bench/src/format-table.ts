import type { BenchResult, UsagePerFlow } from './bench-result.js';
import { flowSteps, stepLabels } from './wallet-flow.js';

/** The human-readable report of one run; README.md explains every column. */
export function formatTable(result: BenchResult): string {
  const { options, flows, cryptoFloor: floor } = result;
  const lines: string[] = [];
  const bound = [options.flows !== null && `${options.flows} flows`, options.durationSeconds !== null && `${options.durationSeconds} s`].filter(Boolean).join(' or ');
  const verification = options.verifyEvery === 0 ? 'no verification' : options.verifyEvery === 1 ? 'every credential verified' : `1 in ${options.verifyEvery} credentials verified`;

  lines.push(`Issuance benchmark: ${result.target.mode} platform at ${result.target.url}`);
  lines.push(`  ${bound} at concurrency ${options.concurrency} after ${options.warmup} warm-up flows; ${options.configurationId}; tx_code ${options.txCode ? 'on' : 'off'}; ${verification}`);
  lines.push(`  machine: ${result.machine.cores} cores (${result.machine.cpuModel}), Node ${result.machine.node}`);
  lines.push('');

  lines.push('Crypto floor (node:crypto, one core, CPU time)');
  lines.push(`  ES256 sign     ${pad(grouped(floor.signPerSecond), 9)}/s   ${pad(fixed(floor.signMicroseconds, 1), 7)} µs`);
  lines.push(`  ES256 verify   ${pad(grouped(floor.verifyPerSecond), 9)}/s   ${pad(fixed(floor.verifyMicroseconds, 1), 7)} µs`);
  lines.push(`  one issuance   ${floor.formula} = ${fixed(floor.issuanceMilliseconds, 3)} ms`);
  lines.push('');

  lines.push('Throughput');
  lines.push(`  ${flows.completed} of ${flows.attempted} flows completed in ${fixed(flows.wallSeconds, 2)} s = ${fixed(flows.perSecond, 1)} flows/s`);
  lines.push(`  failed ${flows.failed}, credentials verified ${flows.verified}, DPoP nonce retries ${flows.dpopNonceRetries}, warm-up failures ${result.warmup.failed}`);
  lines.push('');

  const header = ['count', 'mean', 'p50', 'p95', 'p99', 'max'];
  lines.push(`${'Latency (ms, completed flows)'.padEnd(34)}${header.map((h) => pad(h, 9)).join('')}`);
  const rows: Array<[string, BenchResult['latencyMs']['flow']]> = [['whole flow', result.latencyMs.flow], ...flowSteps.map((step): [string, BenchResult['latencyMs']['flow']] => [stepLabels[step], result.latencyMs.steps[step]])];
  for (const [label, summary] of rows) {
    if (summary.count === 0) continue;
    lines.push(`  ${label.padEnd(32)}${pad(String(summary.count), 9)}${[summary.mean, summary.p50, summary.p95, summary.p99, summary.max].map((v) => pad(fixed(v, 1), 9)).join('')}`);
  }
  lines.push('');

  const errors = Object.entries(result.errors).sort(([, a], [, b]) => b - a);
  lines.push(errors.length === 0 ? 'Errors: none' : 'Errors (step, HTTP status, OAuth error: count)');
  for (const [code, count] of errors) lines.push(`  ${code.padEnd(50)}${pad(String(count), 8)}`);
  for (const sample of result.errorSamples) lines.push(`  e.g. ${sample.slice(0, 200)}`);
  lines.push('');

  lines.push(`${'CPU and memory (measured phase)'.padEnd(56)}${pad('CPU ms/flow', 12)}${pad('cores busy', 12)}${pad('peak RSS MB', 13)}`);
  if (result.platform) {
    for (const process of result.platform.processes) lines.push(usageRow(`${process.name} (pid ${process.pids.join(',')})${process.exited ? ' exited' : ''}`, process));
    lines.push(usageRow('platform total', { cpuMsPerFlow: result.platform.cpuMsPerFlow, coresBusy: result.platform.coresBusy, peakRssBytes: result.platform.peakRssBytes }));
    for (const group of result.platform.infrastructure) lines.push(usageRow(`${group.name} (${group.pids.length} processes)`, group));
  } else {
    lines.push('  platform: not measured (give --pid with --url)');
  }
  lines.push(`${usageRow('bench client (this process)', result.client)}   event loop ${fixed(result.client.eventLoopUtilization * 100, 0)} % busy`);
  lines.push(`  whole machine: ${fixed(result.machine.coresBusy, 2)} of ${result.machine.cores} cores busy (/proc/stat)`);
  lines.push('');

  if (result.platform) {
    lines.push('Efficiency');
    lines.push(`  crypto floor ${fixed(floor.issuanceMilliseconds, 3)} ms / platform CPU ${fixed(result.platform.cpuMsPerFlow, 3)} ms per flow = ${fixed(result.platform.efficiency * 100, 1)} %`);
    lines.push('');
  }
  for (const note of result.notes) lines.push(`Note: ${note}`);
  return lines.join('\n');
}

function usageRow(label: string, usage: Pick<UsagePerFlow, 'cpuMsPerFlow' | 'coresBusy' | 'peakRssBytes'>): string {
  const rss = usage.peakRssBytes === undefined ? '-' : fixed(usage.peakRssBytes / 1024 / 1024, 1);
  return `  ${label.slice(0, 53).padEnd(54)}${pad(fixed(usage.cpuMsPerFlow, 3), 12)}${pad(fixed(usage.coresBusy, 2), 12)}${pad(rss, 13)}`;
}

function fixed(value: number, digits: number): string {
  return Number.isFinite(value) ? value.toFixed(digits) : '-';
}

function grouped(value: number): string {
  return Number.isFinite(value) ? Math.round(value).toLocaleString('en-US') : '-';
}

function pad(text: string, width: number): string {
  return text.padStart(width);
}
