import { loadCredentialConfigurations, type CredentialConfiguration } from '@issuer/protocol-oid4vci';

/** Credential configurations are data: the built-ins plus the operator's files (CREDENTIAL_CONFIG_FILES). */
export type CredentialConfigurations = ReadonlyMap<string, CredentialConfiguration>;

export function readCredentialConfigurations(files: string[], credentialIssuer: string): CredentialConfigurations {
  const configurations = loadCredentialConfigurations({ builtins: true, files, credentialIssuer });
  return new Map(configurations.map((configuration) => [configuration.id, configuration]));
}
