import type { StatusListTemplate } from '@issuer/data-access-credential';

/**
 * Token Status List Section 4: two bits per credential (VALID, INVALID, SUSPENDED) and lists large
 * enough that one entry says little about who holds it (Section 12.4: herd privacy).
 */
export function statusListTemplate(publicUrl: string): StatusListTemplate {
  return { bits: 2, size: 131_072, uri: (id) => `${publicUrl}/status-lists/${id}` };
}

/** Formats whose credentials carry a status list entry: the `status` claim, or `status` in the mdoc's MSO. */
export const FORMATS_WITH_STATUS: ReadonlySet<string> = new Set(['dc+sd-jwt', 'jwt_vc_json', 'mso_mdoc']);
