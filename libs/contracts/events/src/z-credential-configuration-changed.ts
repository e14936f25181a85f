import { zCredentialConfiguration } from '@issuer/protocol-oid4vci';
import { z } from 'zod';

/** A credential configuration as the management API stored it: whole and validated, with its state. */
export const zManagedCredentialConfigurationV1 = z.object({
  configuration: zCredentialConfiguration,
  disabled: z.boolean(),
  /** From 1, one more with each change: a consumer keeps the highest it saw. */
  revision: z.number().int().positive(),
});

/** The offer-service created, replaced, disabled or enabled a credential configuration; every service keeps the current set. */
export const zCredentialConfigurationChangedV1 = zManagedCredentialConfigurationV1;

/** A starting service asks the offer-service for what the management API stored before it started. */
export const zListCredentialConfigurationsV1 = z.object({});

export const zListCredentialConfigurationsReplyV1 = z.object({ configurations: z.array(zManagedCredentialConfigurationV1) });

export type ManagedCredentialConfigurationV1 = z.infer<typeof zManagedCredentialConfigurationV1>;
export type ListCredentialConfigurationsReplyV1 = z.infer<typeof zListCredentialConfigurationsReplyV1>;
