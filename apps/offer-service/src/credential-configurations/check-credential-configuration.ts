import { issuerHostedTypeMetadata } from '@issuer/formats';
import type { CredentialConfigurations } from '@issuer/nest';
import { invalidRequest } from '@issuer/protocol-errors';
import { haipScopeProblem, isJsonObject, parseCredentialConfiguration, type CompatibilityProfile, type CredentialConfiguration } from '@issuer/protocol-oid4vci';

export interface CheckContext {
  configurations: CredentialConfigurations;
  /** The Credential Issuer Identifier: a `vct` given as `/vct/<name>` is resolved against it. */
  credentialIssuer: string;
  /** The issuer's profile: under HAIP every configuration needs a scope. */
  profile: CompatibilityProfile;
  /** The id in the path of a replacement: the body may omit it, and must not name another. */
  id?: string;
}

const SPEC_REF = 'OID4VCI 1.0 Section 12.2.4';
const HELP = 'Send a credential configuration as in CREDENTIAL_CONFIG_FILES: { "id", "format": "dc+sd-jwt" | "mso_mdoc" | "jwt_vc_json", "vct" | "doctype" | "credential_definition", "scope", "claims": [{ "path": [...], "mandatory", "display", "sd" }], "display", "validity_seconds", "status_list", ... }; see GET /admin/v1/credential-configurations for examples.';

/**
 * A configuration the management API may store: valid by zCredentialConfiguration (each problem
 * named by its field), with a scope under HAIP, and in agreement with the other configurations.
 */
export function checkCredentialConfiguration(body: unknown, context: CheckContext): CredentialConfiguration {
  const withId = context.id !== undefined && isJsonObject(body) && body['id'] === undefined ? { ...body, id: context.id } : body;
  const parsed = parseCredentialConfiguration(withId, context.credentialIssuer);
  if (!parsed.ok) {
    throw invalidRequest({
      reason: `The credential configuration is invalid: ${parsed.issues.map(({ field, message }) => `${field || '(body)'}: ${message}`).join('; ')}`,
      help: HELP,
      specRef: SPEC_REF,
    });
  }
  const configuration = parsed.configuration;
  if (context.id !== undefined && configuration.id !== context.id) {
    throw invalidRequest({ reason: `id: "${configuration.id}" is not the id in the path, ${context.id}.`, help: 'Leave id out of the body, or send the one in the path: an id cannot be changed.' });
  }
  const haip = context.profile === 'haip' ? haipScopeProblem(configuration) : undefined;
  if (haip) throw invalidRequest({ reason: `scope: the issuer runs the HAIP profile (COMPATIBILITY_PROFILE=haip), and ${haip}.`, help: 'Give the configuration a scope.', specRef: 'HAIP 1.0 Section 4.1' });
  const others = context.configurations.allEntries().filter((entry) => entry.configuration.id !== configuration.id);
  const sameScope = configuration.scope === undefined ? undefined : others.find((entry) => entry.configuration.scope === configuration.scope);
  if (sameScope) {
    throw invalidRequest({
      reason: `scope: "${configuration.scope}" is already the scope of ${sameScope.configuration.id}.`,
      help: 'Give each configuration its own scope: a wallet asks for a credential by it.',
      specRef: 'OID4VCI 1.0 Section 5.1.2',
    });
  }
  try {
    issuerHostedTypeMetadata([...others.map((entry) => entry.configuration), configuration], context.credentialIssuer);
  } catch (error) {
    throw invalidRequest({ reason: `vct: ${(error as Error).message}.`, help: 'Give the configuration its own vct, or describe the type as the other configuration does.', specRef: 'SD-JWT VC Section 6.3.1' });
  }
  return configuration;
}
