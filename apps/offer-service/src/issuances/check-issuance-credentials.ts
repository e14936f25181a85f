import { validateClaims } from '@issuer/formats';
import type { CredentialConfigurations } from '@issuer/nest';
import { invalidRequest } from '@issuer/protocol-errors';

/**
 * Each credential names a configuration this issuer has, and the claims given for it fit that
 * configuration (every mandatory claim, none it does not describe); credentials without claims are
 * those of a deferred issuance, checked when their claims come.
 */
export function checkIssuanceCredentials(
  configurations: CredentialConfigurations,
  credentials: ReadonlyArray<{ credential_configuration_id: string; claims?: Record<string, unknown> | undefined }>,
): void {
  credentials.forEach((credential, index) => {
    const configuration = configurations.get(credential.credential_configuration_id);
    if (!configuration) {
      throw invalidRequest({
        reason: `credentials[${index}].credential_configuration_id ${credential.credential_configuration_id} is unknown.`,
        help: `Use one of: ${[...configurations.keys()].join(', ')}.`,
      });
    }
    if (credential.claims === undefined) return;
    const check = validateClaims(configuration, credential.claims);
    if (!check.valid) {
      const problems = [...check.missing.map((claim) => `missing ${claim}`), ...check.unknown.map((claim) => `unknown ${claim}`)];
      throw invalidRequest({
        reason: `credentials[${index}].claims do not fit ${configuration.id}: ${problems.join('; ')}`,
        help: 'Send the claims the credential configuration describes, with every mandatory claim.',
      });
    }
  });
}
