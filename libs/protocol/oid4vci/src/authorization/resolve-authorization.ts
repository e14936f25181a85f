import { invalidAuthorizationDetails, invalidRequest, invalidScope } from '@issuer/protocol-errors';
import type { CredentialConfiguration } from '../credential-configuration/z-credential-configuration.js';

/** RFC 9396 as OID4VCI 1.0 Section 5.1.1 profiles it. */
export const OPENID_CREDENTIAL = 'openid_credential';

export interface OpenIdCredentialDetail {
  type: typeof OPENID_CREDENTIAL;
  credential_configuration_id: string;
  /** Token response only (OID4VCI 1.0 Section 6.2). */
  credential_identifiers?: string[];
}

export interface AuthorizationAsked {
  scope?: string;
  authorization_details?: Array<{ type: string; [member: string]: unknown }>;
  /** The configurations of the credential offer that issuer_state names, when it names one. */
  offered?: string[];
}

export interface ResolvedAuthorization {
  credentialConfigurationIds: string[];
  /** Present when the wallet asked with authorization_details: the token response answers in kind. */
  authorizationDetails?: OpenIdCredentialDetail[];
  /** Scope values no configuration has: ignored (OID4VCI 1.0 Section 5.1.2), named on the timeline. */
  ignoredScopes: string[];
}

/**
 * OID4VCI 1.0 Sections 5.1.1 to 5.1.3: which credential configurations an authorization request asks
 * for, by authorization_details, by scope, or (neither given) by the credential offer of issuer_state.
 */
export function resolveAuthorization(asked: AuthorizationAsked, configurations: ReadonlyArray<CredentialConfiguration>): ResolvedAuthorization {
  const known = new Map(configurations.map((configuration) => [configuration.id, configuration]));
  const fromDetails = asked.authorization_details?.map((detail, index) => openIdCredentialDetail(detail, index, known));
  const scopes = asked.scope?.split(' ').filter((value) => value !== '') ?? [];
  const byScope = scopes.map((value) => configurations.find((configuration) => configuration.scope === value)?.id);
  const ignoredScopes = scopes.filter((_, index) => byScope[index] === undefined);
  const fromScope = byScope.filter((id): id is string => id !== undefined);

  if (fromDetails === undefined && scopes.length > 0 && fromScope.length === 0 && asked.offered === undefined) {
    throw invalidScope({
      reason: `no credential configuration has scope ${ignoredScopes.join(' ')}`,
      help: `Use a scope from credential_configurations_supported: ${configurations.flatMap((configuration) => configuration.scope ?? []).join(', ')}`,
      specRef: 'OID4VCI 1.0 Section 5.1.2',
    });
  }
  const ids = unique([...(fromDetails?.map((detail) => detail.credential_configuration_id) ?? []), ...fromScope]);
  const credentialConfigurationIds = ids.length > 0 ? ids : (asked.offered ?? []);
  if (credentialConfigurationIds.length === 0) {
    throw invalidRequest({
      reason: 'the authorization request names no credential: no authorization_details, no known scope, no issuer_state',
      help: 'Send authorization_details [{ "type": "openid_credential", "credential_configuration_id": "..." }] or the scope of a credential configuration',
      specRef: 'OID4VCI 1.0 Section 5.1',
    });
  }
  const outsideOffer = asked.offered === undefined ? [] : credentialConfigurationIds.filter((id) => !asked.offered?.includes(id));
  if (outsideOffer.length > 0) {
    throw invalidAuthorizationDetails({
      reason: `${outsideOffer.join(', ')} not in the credential offer of this issuer_state (${asked.offered?.join(', ')})`,
      help: 'Ask for the credential configurations the credential offer lists, or leave out issuer_state',
      specRef: 'OID4VCI 1.0 Section 5.1.3',
    });
  }
  return { credentialConfigurationIds, ...(fromDetails && { authorizationDetails: fromDetails }), ignoredScopes };
}

function openIdCredentialDetail(detail: { type: string; [member: string]: unknown }, index: number, known: Map<string, CredentialConfiguration>): OpenIdCredentialDetail {
  if (detail.type !== OPENID_CREDENTIAL) {
    throw invalidAuthorizationDetails({ reason: `authorization_details[${index}].type ${JSON.stringify(detail.type)} is not supported`, help: `Use type ${OPENID_CREDENTIAL}`, specRef: 'OID4VCI 1.0 Section 5.1.1' });
  }
  const id = detail['credential_configuration_id'];
  if (typeof id !== 'string') {
    throw invalidAuthorizationDetails({ reason: `authorization_details[${index}] has no credential_configuration_id`, help: 'Name the credential configuration in credential_configuration_id', specRef: 'OID4VCI 1.0 Section 5.1.1' });
  }
  if (!known.has(id)) {
    throw invalidAuthorizationDetails({
      reason: `authorization_details[${index}].credential_configuration_id ${JSON.stringify(id)} is unknown`,
      help: `Use one of ${[...known.keys()].join(', ')}`,
      specRef: 'OID4VCI 1.0 Section 5.1.1',
    });
  }
  return { type: OPENID_CREDENTIAL, credential_configuration_id: id };
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

/**
 * OID4VCI 1.0 Section 6.2: the token response's authorization_details, one credential identifier per
 * configuration; the credential endpoint maps each identifier back (`credentialIdentifiersOf`).
 */
export function withCredentialIdentifiers(details: OpenIdCredentialDetail[]): OpenIdCredentialDetail[] {
  return details.map((detail) => ({ ...detail, credential_identifiers: [`${detail.credential_configuration_id}#0`] }));
}

/** credential_identifier -> credential_configuration_id, from an access token's authorization_details. */
export function credentialIdentifiersOf(details: unknown[] | undefined): Record<string, string> {
  const map: Record<string, string> = {};
  for (const detail of details ?? []) {
    const { credential_configuration_id: id, credential_identifiers: identifiers } = detail as Partial<OpenIdCredentialDetail>;
    if (typeof id === 'string' && Array.isArray(identifiers)) for (const identifier of identifiers) map[identifier] = id;
  }
  return map;
}
