import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import { issuerHostedTypePath, TYPE_METADATA_PATH_PREFIX } from './issuer-hosted-type.js';
import { zCredentialConfiguration, type CredentialConfiguration } from './z-credential-configuration.js';

export interface LoadCredentialConfigurationsOptions {
  /** Include the configurations shipped in `builtins/` (the EUDI PID). */
  builtins: boolean;
  /** Operator files; each holds one configuration object or an array of them. A file may replace a built-in by its id. */
  files: string[];
  /**
   * The Credential Issuer Identifier (the public URL, no trailing slash). A `vct` given as a path
   * (`/vct/<name>`) names a type of this issuer and is resolved against it.
   */
  credentialIssuer?: string;
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
    for (const configuration of readConfigurationFile(file, options.credentialIssuer)) {
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

function readConfigurationFile(file: string, credentialIssuer: string | undefined): CredentialConfiguration[] {
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
    const parsed = parseCredentialConfiguration(entry, credentialIssuer, Array.isArray(json) ? [index] : []);
    if (!parsed.ok) throw new CredentialConfigurationError(file, parsed.issues);
    return parsed.configuration;
  });
}

export type ParsedCredentialConfiguration = { ok: true; configuration: CredentialConfiguration } | { ok: false; issues: ConfigurationIssue[] };

/**
 * Validates one configuration with zCredentialConfiguration and resolves a `vct` given as a path
 * against the issuer; each issue names its field (`claims[2].path`), under `prefix` when given.
 */
export function parseCredentialConfiguration(value: unknown, credentialIssuer: string | undefined, prefix: PropertyKey[] = []): ParsedCredentialConfiguration {
  const result = zCredentialConfiguration.safeParse(value);
  if (!result.success) return { ok: false, issues: toIssues(result.error, prefix) };
  if (result.data.format !== 'dc+sd-jwt') return { ok: true, configuration: result.data };
  const resolved = resolveVct(result.data.vct, credentialIssuer);
  if ('message' in resolved) return { ok: false, issues: [{ field: formatField([...prefix, 'vct']), message: resolved.message }] };
  return { ok: true, configuration: { ...result.data, vct: resolved.vct } };
}

function resolveVct(vct: string, credentialIssuer: string | undefined): { vct: string } | { message: string } {
  if (vct.startsWith('/')) {
    if (credentialIssuer === undefined) return { message: `"${vct}" is a path, and no issuer URL was given to resolve it against` };
    return { vct: `${credentialIssuer}${vct}` };
  }
  if (credentialIssuer !== undefined && vct.startsWith(`${credentialIssuer}/`) && !issuerHostedTypePath(vct, credentialIssuer)) {
    return { message: `"${vct}" is under the issuer's URL but not at ${TYPE_METADATA_PATH_PREFIX}<name>, where the issuer serves type metadata` };
  }
  return { vct };
}

function toIssues(error: z.ZodError, prefix: PropertyKey[]): ConfigurationIssue[] {
  return error.issues.map((issue) => ({ field: formatField([...prefix, ...issue.path]), message: issue.message }));
}

function formatField(path: PropertyKey[]): string {
  return path
    .map((key, index) => (typeof key === 'number' ? `[${key}]` : index === 0 ? String(key) : `.${String(key)}`))
    .join('');
}
