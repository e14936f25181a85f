import { describeSecret } from './redact.js';

/**
 * Shows a JWT's header and claims on the timeline without its signature. Display only: nothing
 * decoded here is trusted; verification lives in the protocol libs.
 */
export function decodeJwtForTimeline(jwt: unknown): Record<string, unknown> {
  if (typeof jwt !== 'string') return { value: describeSecret(jwt) };
  const [header, payload, signature] = jwt.split('.');
  return {
    header: decodePart(header),
    payload: decodePart(payload),
    signature: describeSecret(signature),
  };
}

function decodePart(part: string | undefined): unknown {
  if (!part) return '<absent>';
  try {
    return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  } catch {
    return `<not base64url JSON, len=${part.length}>`;
  }
}
