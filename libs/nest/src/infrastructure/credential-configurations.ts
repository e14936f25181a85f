import { haipScopeProblem, loadCredentialConfigurations, type CompatibilityProfile, type CredentialConfiguration } from '@issuer/protocol-oid4vci';

/** Where a configuration comes from: shipped with the issuer, an operator's file, or the management API. */
export type CredentialConfigurationSource = 'builtin' | 'file' | 'api';

/** A configuration the management API stored: it replaces a built-in or file one of the same id. */
export interface ManagedCredentialConfiguration {
  configuration: CredentialConfiguration;
  disabled: boolean;
  /** Counts the changes of this id through the management API, from 1; built-ins and files are 0. */
  revision: number;
}

export interface CredentialConfigurationEntry extends ManagedCredentialConfiguration {
  source: CredentialConfigurationSource;
}

/**
 * The credential configurations a service issues by: the built-ins and the operator's files
 * (CREDENTIAL_CONFIG_FILES) as read at start, replaced by what the management API changes since.
 * As a map it holds the enabled ones only: a disabled configuration is neither advertised nor issued.
 */
export class CredentialConfigurationRegistry implements ReadonlyMap<string, CredentialConfiguration> {
  private readonly byId = new Map<string, CredentialConfigurationEntry>();
  private changes = 0;

  constructor(baseline: ReadonlyArray<{ configuration: CredentialConfiguration; source: Exclude<CredentialConfigurationSource, 'api'> }>) {
    for (const { configuration, source } of baseline) this.byId.set(configuration.id, { configuration, source, disabled: false, revision: 0 });
  }

  /** Takes a change unless this registry already has that revision or a later one; true when it did. */
  apply(change: ManagedCredentialConfiguration): boolean {
    const current = this.byId.get(change.configuration.id);
    if (current && current.revision >= change.revision) return false;
    this.byId.set(change.configuration.id, { ...change, source: 'api' });
    this.changes++;
    return true;
  }

  /** Enabled or not. */
  entry(id: string): CredentialConfigurationEntry | undefined {
    return this.byId.get(id);
  }

  /** Every configuration, disabled ones included, in the order they were first known. */
  allEntries(): CredentialConfigurationEntry[] {
    return [...this.byId.values()];
  }

  /** Grows with every change taken: what is derived from the configurations is rebuilt when it moved. */
  get version(): number {
    return this.changes;
  }

  get size(): number {
    return [...this.enabled()].length;
  }

  get(id: string): CredentialConfiguration | undefined {
    const found = this.byId.get(id);
    return found && !found.disabled ? found.configuration : undefined;
  }

  has(id: string): boolean {
    return this.get(id) !== undefined;
  }

  *entries(): MapIterator<[string, CredentialConfiguration]> {
    for (const configuration of this.enabled()) yield [configuration.id, configuration];
  }

  *keys(): MapIterator<string> {
    for (const configuration of this.enabled()) yield configuration.id;
  }

  values(): MapIterator<CredentialConfiguration> {
    return this.enabled();
  }

  [Symbol.iterator](): MapIterator<[string, CredentialConfiguration]> {
    return this.entries();
  }

  forEach(callback: (value: CredentialConfiguration, key: string, map: ReadonlyMap<string, CredentialConfiguration>) => void): void {
    for (const configuration of this.enabled()) callback(configuration, configuration.id, this);
  }

  private *enabled(): MapIterator<CredentialConfiguration> {
    for (const { configuration, disabled } of this.byId.values()) if (!disabled) yield configuration;
  }
}

export type CredentialConfigurations = CredentialConfigurationRegistry;

/**
 * The built-ins and the operator's files; what the management API stored comes on top
 * (CredentialConfigurationSync). An issuer whose profile is HAIP refuses to start with a configuration without scope.
 */
export function readCredentialConfigurations(files: string[], credentialIssuer: string, profile: CompatibilityProfile): CredentialConfigurationRegistry {
  const fromFiles = new Set(loadCredentialConfigurations({ builtins: false, files, credentialIssuer }).map(({ id }) => id));
  const configurations = loadCredentialConfigurations({ builtins: true, files, credentialIssuer });
  const problem = profile === 'haip' ? configurations.map(haipScopeProblem).find(Boolean) : undefined;
  if (problem) throw new Error(`COMPATIBILITY_PROFILE is haip, and ${problem}`);
  return new CredentialConfigurationRegistry(configurations.map((configuration) => ({ configuration, source: fromFiles.has(configuration.id) ? 'file' : 'builtin' })));
}
