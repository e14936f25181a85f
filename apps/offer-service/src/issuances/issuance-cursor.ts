/** Where a page of issuances ends in the listing order (newest first, then by id): opaque to operators. */
export interface IssuanceCursor {
  createdAt: Date;
  id: string;
}

export function encodeIssuanceCursor(cursor: IssuanceCursor): string {
  return Buffer.from(JSON.stringify([cursor.createdAt.toISOString(), cursor.id])).toString('base64url');
}

/** The cursor `next_cursor` carried, or null for anything it never produced. */
export function decodeIssuanceCursor(value: string): IssuanceCursor | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (!Array.isArray(parsed) || parsed.length !== 2) return null;
  const [time, id] = parsed as unknown[];
  if (typeof time !== 'string' || typeof id !== 'string' || id === '') return null;
  const createdAt = new Date(time);
  return Number.isNaN(createdAt.getTime()) || createdAt.toISOString() !== time ? null : { createdAt, id };
}
