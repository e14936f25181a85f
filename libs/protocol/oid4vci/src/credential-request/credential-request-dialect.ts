import { isJsonObject } from '../claims-path-pointer/select-claims.js';
import type { CredentialConfiguration } from '../credential-configuration/z-credential-configuration.js';

export type CredentialRequestDialect = '1.0' | 'draft-13-like';

// Draft 13 Section 7.2 named the credential by `format` plus a format-specific type member.
const DRAFT_13_TYPE_MEMBERS = ['vct', 'doctype', 'credential_definition'] as const;
const DRAFT_13_MEMBERS = ['format', ...DRAFT_13_TYPE_MEMBERS, 'proof'] as const;

/** Which specification a credential request body looks written for, for the session timeline. */
export function credentialRequestDialect(body: unknown): CredentialRequestDialect {
  if (!isJsonObject(body)) return '1.0';
  return DRAFT_13_MEMBERS.some((member) => present(body[member])) ? 'draft-13-like' : '1.0';
}

/** The draft 13 way of naming the credential: `format` with `vct`, `doctype` or `credential_definition`. */
export function draft13CredentialType(body: Record<string, unknown>): { format: string; member: string; value: unknown } | undefined {
  if (typeof body.format !== 'string') return undefined;
  const member = DRAFT_13_TYPE_MEMBERS.find((name) => present(body[name]));
  return member ? { format: body.format, member, value: body[member] } : undefined;
}

function present(value: unknown): boolean {
  return value !== undefined && value !== null;
}

/** The configuration a draft 13 request meant, matched on format and type. */
export function findDraft13Configuration(
  type: { format: string; member: string; value: unknown },
  configurations: ReadonlyArray<CredentialConfiguration>,
): CredentialConfiguration | undefined {
  return configurations.find((configuration) => {
    if (configuration.format !== type.format) return false;
    if (configuration.format === 'dc+sd-jwt') return type.member === 'vct' && type.value === configuration.vct;
    if (configuration.format === 'mso_mdoc') return type.member === 'doctype' && type.value === configuration.doctype;
    const requested = isJsonObject(type.value) && Array.isArray(type.value.type) ? type.value.type : [];
    const configured = configuration.credential_definition.type;
    return type.member === 'credential_definition' && requested.length === configured.length && configured.every((t) => requested.includes(t));
  });
}
