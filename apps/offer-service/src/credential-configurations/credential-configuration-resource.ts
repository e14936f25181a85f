import type { zCredentialConfigurationResource } from '@issuer/contracts-routes';
import type { CredentialConfigurationEntry } from '@issuer/nest';
import type { z } from 'zod';

export function toCredentialConfigurationResource(entry: CredentialConfigurationEntry): z.infer<typeof zCredentialConfigurationResource> {
  return { id: entry.configuration.id, source: entry.source, disabled: entry.disabled, revision: entry.revision, configuration: entry.configuration };
}
