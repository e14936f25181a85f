import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchResult } from './bench-result.js';

export const defaultResultsDir = fileURLToPath(new URL('../results/', import.meta.url));

/** Writes the result as <dir>/<timestamp>.json (ISO time with ':' and '.' made file-name safe). */
export function writeResult(result: BenchResult, dir = defaultResultsDir): string {
  const directory = resolve(dir);
  mkdirSync(directory, { recursive: true });
  const file = join(directory, `${result.startedAt.replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  return file;
}
