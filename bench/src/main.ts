import { readFileSync } from 'node:fs';
import { formatTable } from './format-table.js';
import { parseCliArguments, usage } from './parse-args.js';
import { runBench } from './run-bench.js';
import { writeResult } from './write-result.js';

/** `npm run bench -- ...`: runs one benchmark, prints the table, writes the JSON next to earlier runs. */
async function main(argv: string[]): Promise<number> {
  let cli: ReturnType<typeof parseCliArguments>;
  try {
    cli = parseCliArguments(argv);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${usage}`);
    return 2;
  }
  if (cli.help || !cli.options) {
    process.stdout.write(usage);
    return 0;
  }
  const options = { ...cli.options };
  if (cli.claimsFile !== undefined) {
    const claims = JSON.parse(readFileSync(cli.claimsFile, 'utf8')) as unknown;
    if (typeof claims !== 'object' || claims === null || Array.isArray(claims)) throw new Error(`${cli.claimsFile} must hold a JSON object of claims`);
    options.claims = claims as Record<string, unknown>;
  }

  const abort = new AbortController();
  const interrupt = () => {
    process.stderr.write('\nStopping: no new flows start; the platform is stopped after the flows under way.\n');
    abort.abort();
  };
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);

  const result = await runBench(options as Parameters<typeof runBench>[0], { signal: abort.signal, log: (line) => process.stderr.write(`${line}\n`) });
  const file = writeResult(result, cli.outDir);
  process.stdout.write(cli.json ? `${JSON.stringify(result, null, 2)}\n` : `\n${formatTable(result)}\nResult: ${file}\n`);
  return result.flows.failed === 0 && result.warmup.failed === 0 ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    // The message says what to change; the stack only with BENCH_DEBUG=1.
    const debug = process.env['BENCH_DEBUG'] === '1';
    process.stderr.write(`${error instanceof Error ? ((debug && error.stack) || error.message) : String(error)}\n`);
    process.exit(1);
  },
);
