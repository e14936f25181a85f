import { validateClaims } from '@issuer/formats';
import type { CredentialConfigurations } from '@issuer/nest';
import { invalidRequest } from '@issuer/protocol-errors';
import { haipScopeProblem, type CompatibilityProfile } from '@issuer/protocol-oid4vci';

/**
 * Each credential names an enabled configuration this issuer has, with a scope under the HAIP
 * profile, and the claims given for it fit that configuration (every mandatory claim, none it does
 * not describe); credentials without claims are those of a deferred issuance, checked when their claims come.
 */
export function checkIssuanceCredentials(
  configurations: CredentialConfigurations,
  credentials: ReadonlyArray<{ credential_configuration_id: string; claims?: Record<string, unknown> | undefined }>,
  profile: CompatibilityProfile,
): void {
  credentials.forEach((credential, index) => {
    const configuration = configurations.get(credential.credential_configuration_id);
    if (configurations.entry(credential.credential_configuration_id)?.disabled) {
      throw invalidRequest({
        reason: `credentials[${index}].credential_configuration_id ${credential.credential_configuration_id} is disabled: it is not issued.`,
        help: `Enable it with POST /admin/v1/credential-configurations/${credential.credential_configuration_id}/enable, or use one of: ${[...configurations.keys()].join(', ')}.`,
      });
    }
    if (!configuration) {
      throw invalidRequest({
        reason: `credentials[${index}].credential_configuration_id ${credential.credential_configuration_id} is unknown.`,
        help: `Use one of: ${[...configurations.keys()].join(', ')}.`,
      });
    }
    const haip = profile === 'haip' ? haipScopeProblem(configuration) : undefined;
    if (haip) {
      throw invalidRequest({
        reason: `credentials[${index}]: the issuance follows the HAIP profile, and ${haip}.`,
        help: 'Give the configuration a scope (PUT /admin/v1/credential-configurations/{id}), or create the issuance with another compatibility_profile.',
        specRef: 'HAIP 1.0 Section 4.1',
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
