import { loadCredentialConfigurations, type CredentialConfiguration } from '@issuer/protocol-oid4vci';

/** Credential configurations are data: the built-ins plus the operator's files (CREDENTIAL_CONFIG_FILES). */
export type CredentialConfigurations = ReadonlyMap<string, CredentialConfiguration>;

export function readCredentialConfigurations(files: string[]): CredentialConfigurations {
  const configurations = loadCredentialConfigurations({ builtins: true, files });
  return new Map(configurations.map((configuration) => [configuration.id, configuration]));
}
