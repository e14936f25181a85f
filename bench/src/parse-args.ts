import { parseArgs } from 'node:util';
import { defaults, limits, resolveBenchOptions, type BenchInput, type BenchOptions, type PlatformMode } from './bench-options.js';

export interface CliArguments {
  help: boolean;
  options?: BenchOptions;
  /** A JSON file with the claims to issue. */
  claimsFile?: string;
  /** Where the JSON result goes; bench/results by default. */
  outDir?: string;
  /** Print the JSON result instead of the table. */
  json: boolean;
}

export const usage = `Usage: npm run bench -- (--mode embedded|distributed | --url http://127.0.0.1:PORT [--pid PID]...) [options]

Target (exactly one):
  --mode embedded|distributed  start the built platform (fresh data directory / database), run, stop it
  --url URL                    a running platform on a loopback address (127.0.0.0/8, ::1, localhost)
  --pid PID                    with --url: the platform's root process id (repeat or comma-separate);
                               its descendants are measured too. Without it, no CPU per flow.
  --admin-key KEY              with --url: the management API key (or set ADMIN_API_KEY)
  --port PORT                  with --mode: the port to start on (distributed also uses PORT+1..PORT+5)

Load:
  --concurrency N     wallets at once, ${limits.concurrency.min}-${limits.concurrency.max} (default ${defaults.concurrency})
  --flows N           measured flows, ${limits.flows.min}-${limits.flows.max} (default ${defaults.flows} unless --duration is given)
  --duration S        measured seconds, ${limits.durationSeconds.min}-${limits.durationSeconds.max}; with --flows, whichever ends first
  --warmup N          unmeasured flows first, ${limits.warmup.min}-${limits.warmup.max} (default ${defaults.warmup})
  --config ID         credential configuration (default ${defaults.configurationId})
  --claims FILE       JSON object of claims to issue (default: a complete PID)
  --tx-code           issue offers with a 6-digit tx_code and send it to /token (default off)
  --verify-every N    verify every N-th credential, 0 = never (default ${defaults.verifyEvery})
  --timeout S         per-request timeout, ${limits.timeoutSeconds.min}-${limits.timeoutSeconds.max} (default ${defaults.timeoutSeconds})
  --floor-ms MS       how long the sign and the verify rate are each measured (default ${defaults.floorMilliseconds})

Output:
  --out DIR           directory of the JSON result (default bench/results)
  --json              print the JSON result instead of the table
  --cpu-prof DIR      with --mode: write a V8 CPU profile of every platform process to DIR
  --help
`;

/** Turns the command line into bench options, refusing anything unknown or out of bounds. */
export function parseCliArguments(argv: readonly string[]): CliArguments {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    allowNegative: true,
    options: {
      mode: { type: 'string' },
      url: { type: 'string' },
      pid: { type: 'string', multiple: true },
      'admin-key': { type: 'string' },
      port: { type: 'string' },
      concurrency: { type: 'string' },
      flows: { type: 'string' },
      duration: { type: 'string' },
      warmup: { type: 'string' },
      config: { type: 'string' },
      claims: { type: 'string' },
      'tx-code': { type: 'boolean' },
      'verify-every': { type: 'string' },
      timeout: { type: 'string' },
      'floor-ms': { type: 'string' },
      out: { type: 'string' },
      json: { type: 'boolean', default: false },
      'cpu-prof': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const json = values.json === true;
  if (values.help) return { help: true, json };

  const input = {
    ...(values.mode !== undefined && { mode: values.mode as PlatformMode }),
    ...(values.url !== undefined && { url: values.url }),
    ...(values.pid !== undefined && { pids: values.pid.flatMap((list) => list.split(',')).map((pid) => integer('--pid', pid)) }),
    ...(values['admin-key'] !== undefined && { adminApiKey: values['admin-key'] }),
    ...(values.port !== undefined && { port: integer('--port', values.port) }),
    ...(values.concurrency !== undefined && { concurrency: integer('--concurrency', values.concurrency) }),
    ...(values.flows !== undefined && { flows: integer('--flows', values.flows) }),
    ...(values.duration !== undefined && { durationSeconds: integer('--duration', values.duration) }),
    ...(values.warmup !== undefined && { warmup: integer('--warmup', values.warmup) }),
    ...(values.config !== undefined && { configurationId: values.config }),
    ...(values['tx-code'] !== undefined && { txCode: values['tx-code'] }),
    ...(values['verify-every'] !== undefined && { verifyEvery: integer('--verify-every', values['verify-every']) }),
    ...(values.timeout !== undefined && { timeoutSeconds: integer('--timeout', values.timeout) }),
    ...(values['floor-ms'] !== undefined && { floorMilliseconds: integer('--floor-ms', values['floor-ms']) }),
    ...(values['cpu-prof'] !== undefined && { cpuProfileDir: values['cpu-prof'] }),
  } as BenchInput;

  return {
    help: false,
    json,
    options: resolveBenchOptions(input),
    ...(values.claims !== undefined && { claimsFile: values.claims }),
    ...(values.out !== undefined && { outDir: values.out }),
  };
}

function integer(name: string, text: string): number {
  if (!/^\d+$/.test(text.trim())) throw new Error(`${name} must be a whole number, not ${JSON.stringify(text)}`);
  return Number(text.trim());
}
