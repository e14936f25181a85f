import { zCredentialConfiguration } from '@issuer/protocol-oid4vci';
import { z } from 'zod';

/** A credential configuration as the management API shows it: the configuration, where it comes from, and whether it is issued. */
export const zCredentialConfigurationResource = z.object({
  id: z.string().describe('The credential_configuration_id'),
  source: z.enum(['builtin', 'file', 'api']).describe('builtin: shipped with the issuer; file: CREDENTIAL_CONFIG_FILES; api: created or changed through this API (it replaces a built-in or file one of the same id)'),
  disabled: z.boolean().describe('A disabled configuration is not in the issuer metadata and no new issuance may name it'),
  revision: z.number().int().describe('0 for a built-in or file configuration never changed here; one more with each change'),
  configuration: zCredentialConfiguration,
});

export const zCredentialConfigurationList = z.object({ credential_configurations: z.array(zCredentialConfigurationResource) });
