import type { CredentialConfiguration } from '../credential-configuration/z-credential-configuration.js';
import { draftCredentialType, findDraftConfiguration } from '../credential-request/credential-request-dialect.js';

export interface DraftAuthorizationDetailsTranslation {
  /** The details as OID4VCI 1.0 Section 5.1.1 has them. */
  authorizationDetails: Array<{ type: string; [member: string]: unknown }>;
  /** What was translated, one line each, for the session timeline. */
  changes: string[];
}

/**
 * Drafts 11 (EBSI v4) and 13 named the credential of an `openid_credential` authorization detail by
 * `format` with `types`, `vct`, `doctype` or `credential_definition` (and draft 11 added `locations`);
 * 1.0 names it by `credential_configuration_id`. Entries that match a configuration are translated,
 * others are left as sent for the 1.0 rules to refuse precisely. Undefined when nothing was translated.
 */
export function translateDraftAuthorizationDetails(
  details: ReadonlyArray<{ type: string; [member: string]: unknown }>,
  configurations: ReadonlyArray<CredentialConfiguration>,
): DraftAuthorizationDetailsTranslation | undefined {
  const changes: string[] = [];
  const authorizationDetails = details.map((detail, index) => {
    if (detail.credential_configuration_id !== undefined) return detail;
    const type = draftCredentialType(detail);
    const configuration = type && findDraftConfiguration(type, configurations);
    if (!type || !configuration) return detail;
    changes.push(`authorization_details[${index}] format "${type.format}" with ${type.member} ${JSON.stringify(type.value)} -> credential_configuration_id "${configuration.id}"`);
    if (detail.locations !== undefined) changes.push(`authorization_details[${index}].locations dropped: this issuer is its own authorization server`);
    return { type: detail.type, credential_configuration_id: configuration.id };
  });
  return changes.length === 0 ? undefined : { authorizationDetails, changes };
}
