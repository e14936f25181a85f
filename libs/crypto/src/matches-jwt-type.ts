/**
 * RFC 7515 Section 4.1.9: `typ` is a media type, compared case-insensitively, whose "application/"
 * prefix may be left out; RFC 8725 Section 3.11 uses it to tell JWT kinds apart.
 */
export function matchesJwtType(typ: unknown, expected: string): boolean {
  if (typeof typ !== 'string') return false;
  const lower = typ.toLowerCase();
  return lower === expected || lower === `application/${expected}`;
}
