import { assertLoopbackLiteral } from './loopback-guard.js';

export type PlatformMode = 'embedded' | 'distributed';

export interface BenchOptions {
  /** Start the built platform in this mode, run, and stop it. Exclusive with `url`. */
  mode?: PlatformMode;
  /** An already running platform on a loopback address. Exclusive with `mode`. */
  url?: string;
  /** With `url`: the platform's root process ids; their descendants are found and measured too. */
  pids?: number[];
  /** With `url`: the management API key (ADMIN_API_KEY of that platform). */
  adminApiKey?: string;
  /** Wallets playing at once. */
  concurrency: number;
  /** Measured flows to run; with `durationSeconds`, whichever ends first. */
  flows?: number;
  durationSeconds?: number;
  /** Flows run before measuring, at the same concurrency, so caches, JIT and pools are warm. */
  warmup: number;
  configurationId: string;
  /** Claims of the issuance; the PID claims by default. */
  claims?: Record<string, unknown>;
  /** Ask the management API for a tx_code and send it to the token endpoint. */
  txCode: boolean;
  /** Verify every n-th credential (1 = all, 0 = none). */
  verifyEvery: number;
  timeoutSeconds: number;
  /** With `mode`: the port of the platform (distributed also takes the five above it). */
  port?: number;
  /** With `mode`: write V8 CPU profiles of every platform process into this directory. */
  cpuProfileDir?: string;
  /** How long each half of the crypto floor (sign, then verify) is measured. */
  floorMilliseconds: number;
}

export const limits = {
  concurrency: { min: 1, max: 1024 },
  flows: { min: 1, max: 1_000_000 },
  durationSeconds: { min: 1, max: 3600 },
  warmup: { min: 0, max: 100_000 },
  verifyEvery: { min: 0, max: 1_000_000 },
  timeoutSeconds: { min: 1, max: 600 },
  port: { min: 1024, max: 65_530 },
  floorMilliseconds: { min: 50, max: 60_000 },
} as const;

export const defaults = {
  concurrency: 16,
  flows: 1000,
  warmup: 100,
  configurationId: 'eu.europa.ec.eudi.pid_vc_sd_jwt',
  txCode: false,
  verifyEvery: 10,
  timeoutSeconds: 30,
  floorMilliseconds: 1000,
} as const;

export type BenchInput = Partial<BenchOptions> & ({ mode: PlatformMode } | { url: string });

/** Fills defaults and checks every bound; throws an Error that names the offending option. */
export function resolveBenchOptions(input: BenchInput): BenchOptions {
  const options: BenchOptions = {
    ...input,
    concurrency: input.concurrency ?? defaults.concurrency,
    warmup: input.warmup ?? defaults.warmup,
    configurationId: input.configurationId ?? defaults.configurationId,
    txCode: input.txCode ?? defaults.txCode,
    verifyEvery: input.verifyEvery ?? defaults.verifyEvery,
    timeoutSeconds: input.timeoutSeconds ?? defaults.timeoutSeconds,
    floorMilliseconds: input.floorMilliseconds ?? defaults.floorMilliseconds,
  };
  if (options.flows === undefined && options.durationSeconds === undefined) options.flows = defaults.flows;

  const hasMode = options.mode !== undefined;
  const hasUrl = options.url !== undefined;
  if (hasMode === hasUrl) throw new Error('Give exactly one of --mode (start the platform) or --url (a running one)');
  if (hasMode && options.mode !== 'embedded' && options.mode !== 'distributed') throw new Error(`--mode must be embedded or distributed, not ${String(options.mode)}`);
  if (hasUrl) {
    const url = parseHttpUrl(options.url!);
    assertLoopbackLiteral(url);
    options.url = url.origin;
  }
  if (options.pids !== undefined) {
    if (!hasUrl) throw new Error('--pid only goes with --url; with --mode the bench knows the process ids');
    for (const pid of options.pids) if (!Number.isSafeInteger(pid) || pid < 1) throw new Error(`--pid must be positive integers, not ${pid}`);
  }
  if (hasMode && options.adminApiKey !== undefined) throw new Error('--admin-key only goes with --url; with --mode the bench chooses the key');
  if (hasUrl && (options.port !== undefined || options.cpuProfileDir !== undefined)) throw new Error('--port and --cpu-prof only go with --mode');
  if (!options.configurationId) throw new Error('--config must not be empty');

  for (const name of ['concurrency', 'flows', 'durationSeconds', 'warmup', 'verifyEvery', 'timeoutSeconds', 'port', 'floorMilliseconds'] as const) {
    const value = options[name];
    if (value === undefined) continue;
    const { min, max } = limits[name];
    if (!Number.isSafeInteger(value) || value < min || value > max) throw new Error(`${optionName(name)} must be an integer from ${min} to ${max}, not ${value}`);
  }
  return options;
}

function parseHttpUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`--url is not a URL: ${text}`);
  }
  if (url.protocol !== 'http:') throw new Error(`--url must be http:, not ${url.protocol}`);
  if (url.pathname !== '/' || url.search || url.hash) throw new Error('--url is the platform origin, without a path');
  return url;
}

export function optionName(name: keyof BenchOptions): string {
  const names: Partial<Record<keyof BenchOptions, string>> = {
    durationSeconds: '--duration',
    verifyEvery: '--verify-every',
    timeoutSeconds: '--timeout',
    floorMilliseconds: '--floor-ms',
    configurationId: '--config',
    adminApiKey: '--admin-key',
    cpuProfileDir: '--cpu-prof',
    pids: '--pid',
  };
  return names[name] ?? `--${name}`;
}
