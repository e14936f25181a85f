import { isJsonObject } from '../claims-path-pointer/select-claims.js';
import type { CredentialConfiguration } from '../credential-configuration/z-credential-configuration.js';

/**
 * The specification a credential request body looks written for:
 * - `draft-11` (EBSI v4): `format` with top-level `types`, singular `proof`;
 * - `draft-13`: `format` with `vct`, `doctype` or `credential_definition`, singular `proof`;
 * - `draft-15`: `credential_configuration_id` or `credential_identifier` with the singular `proof`;
 * - `1.0`: none of these.
 */
export type CredentialRequestDialect = '1.0' | 'draft-11' | 'draft-13' | 'draft-15';

// Draft 13 Section 7.2 named the credential by `format` plus a format-specific type member.
const DRAFT_13_TYPE_MEMBERS = ['vct', 'doctype', 'credential_definition'] as const;

export function credentialRequestDialect(body: unknown): CredentialRequestDialect {
  if (!isJsonObject(body)) return '1.0';
  if (present(body.types)) return 'draft-11';
  if (present(body.format) || DRAFT_13_TYPE_MEMBERS.some((member) => present(body[member]))) return 'draft-13';
  return present(body.proof) ? 'draft-15' : '1.0';
}

export interface DraftCredentialType {
  format: string;
  member: 'vct' | 'doctype' | 'credential_definition' | 'types';
  value: unknown;
}

/** The draft way of naming the credential: `format` with `vct`, `doctype`, `credential_definition` (draft 13) or `types` (draft 11). */
export function draftCredentialType(body: Record<string, unknown>): DraftCredentialType | undefined {
  if (typeof body.format !== 'string') return undefined;
  if (present(body.types)) return { format: body.format, member: 'types', value: body.types };
  const member = DRAFT_13_TYPE_MEMBERS.find((name) => present(body[name]));
  return member ? { format: body.format, member, value: body[member] } : undefined;
}

function present(value: unknown): boolean {
  return value !== undefined && value !== null;
}

// Format identifiers of the drafts that 1.0 renamed: draft 13's SD-JWT VC, draft 11's (EBSI) JWT VC.
const DRAFT_FORMAT_ALIASES: Record<string, string> = { 'vc+sd-jwt': 'dc+sd-jwt', jwt_vc: 'jwt_vc_json' };

/** The 1.0 format identifier of a draft one. */
export function currentFormatIdentifier(format: string): string {
  return DRAFT_FORMAT_ALIASES[format] ?? format;
}

/** The configuration a draft request meant, matched on format (draft names included) and type. */
export function findDraftConfiguration(type: DraftCredentialType, configurations: ReadonlyArray<CredentialConfiguration>): CredentialConfiguration | undefined {
  const format = currentFormatIdentifier(type.format);
  return configurations.find((configuration) => {
    if (configuration.format !== format) return false;
    if (configuration.format === 'dc+sd-jwt') return type.member === 'vct' && type.value === configuration.vct;
    if (configuration.format === 'mso_mdoc') return type.member === 'doctype' && type.value === configuration.doctype;
    const requested = requestedTypes(type);
    const configured = configuration.credential_definition.type;
    return requested.length === configured.length && configured.every((t) => requested.includes(t));
  });
}

function requestedTypes(type: DraftCredentialType): unknown[] {
  if (type.member === 'types') return Array.isArray(type.value) ? type.value : [];
  if (type.member === 'credential_definition' && isJsonObject(type.value) && Array.isArray(type.value.type)) return type.value.type;
  return [];
}
