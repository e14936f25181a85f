/** A base64url JSON part of a JWT or a Disclosure, or a note saying why it is not one. */
export function decodeJsonPart(part: string | undefined): unknown {
  if (!part) return '<absent>';
  try {
    return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  } catch {
    return `<not base64url JSON, len=${part.length}>`;
  }
}
