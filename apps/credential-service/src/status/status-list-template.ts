import type { StatusListTemplate } from '@issuer/data-access-credential';

/**
 * Token Status List Section 4: two bits per credential (VALID, INVALID, SUSPENDED) and lists large
 * enough that one entry says little about who holds it (Section 12.4: herd privacy).
 */
export function statusListTemplate(publicUrl: string): StatusListTemplate {
  return { bits: 2, size: 131_072, uri: (id) => `${publicUrl}/status-lists/${id}` };
}

/** Formats whose credentials carry a `status` claim; mdoc status in the MSO is not issued yet. */
export const FORMATS_WITH_STATUS: ReadonlySet<string> = new Set(['dc+sd-jwt', 'jwt_vc_json']);
