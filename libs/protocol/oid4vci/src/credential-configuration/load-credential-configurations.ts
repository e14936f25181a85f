import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import { zCredentialConfiguration, type CredentialConfiguration } from './z-credential-configuration.js';

export interface LoadCredentialConfigurationsOptions {
  /** Include the configurations shipped in `builtins/` (the EUDI PID). */
  builtins: boolean;
  /** Operator files; each holds one configuration object or an array of them. A file may replace a built-in by its id. */
  files: string[];
}

export interface ConfigurationIssue {
  field: string;
  message: string;
}

export class CredentialConfigurationError extends Error {
  readonly file: string;
  readonly issues: ConfigurationIssue[];

  constructor(file: string, issues: ConfigurationIssue[]) {
    super(`${file}: ${issues.map((issue) => (issue.field ? `${issue.field}: ${issue.message}` : issue.message)).join('; ')}`);
    this.name = 'CredentialConfigurationError';
    this.file = file;
    this.issues = issues;
  }
}

const BUILTINS_DIRECTORY = [new URL('./builtins/', import.meta.url), new URL('../../src/credential-configuration/builtins/', import.meta.url)]
  .map((url) => fileURLToPath(url))
  // The swc build writes dist/ without copying JSON files, so built code reads the shipped ones from src/.
  .find((directory) => existsSync(directory))!;

export function builtinCredentialConfigurationFiles(): string[] {
  return readdirSync(BUILTINS_DIRECTORY)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => `${BUILTINS_DIRECTORY}${name}`);
}

/** Reads, validates and merges credential configurations; throws CredentialConfigurationError naming the file and the field. */
export function loadCredentialConfigurations(options: LoadCredentialConfigurationsOptions): CredentialConfiguration[] {
  const merged = new Map<string, { configuration: CredentialConfiguration; file: string; builtin: boolean }>();
  const sources = [
    ...(options.builtins ? builtinCredentialConfigurationFiles().map((file) => ({ file, builtin: true })) : []),
    ...options.files.map((file) => ({ file, builtin: false })),
  ];
  for (const { file, builtin } of sources) {
    for (const configuration of readConfigurationFile(file)) {
      const earlier = merged.get(configuration.id);
      if (earlier && !earlier.builtin) {
        throw new CredentialConfigurationError(file, [
          { field: 'id', message: `"${configuration.id}" is already defined in ${earlier.file}` },
        ]);
      }
      merged.set(configuration.id, { configuration, file, builtin });
    }
  }
  return [...merged.values()].map((entry) => entry.configuration);
}

function readConfigurationFile(file: string): CredentialConfiguration[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new CredentialConfigurationError(file, [{ field: '', message: `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})` }]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new CredentialConfigurationError(file, [{ field: '', message: `is not JSON: ${(error as Error).message}` }]);
  }
  const entries = Array.isArray(json) ? json : [json];
  return entries.map((entry, index) => {
    const result = zCredentialConfiguration.safeParse(entry);
    if (result.success) return result.data;
    const prefix = Array.isArray(json) ? [index] : [];
    throw new CredentialConfigurationError(file, toIssues(result.error, prefix));
  });
}

function toIssues(error: z.ZodError, prefix: PropertyKey[]): ConfigurationIssue[] {
  return error.issues.map((issue) => ({ field: formatField([...prefix, ...issue.path]), message: issue.message }));
}

function formatField(path: PropertyKey[]): string {
  return path
    .map((key, index) => (typeof key === 'number' ? `[${key}]` : index === 0 ? String(key) : `.${String(key)}`))
    .join('');
}
