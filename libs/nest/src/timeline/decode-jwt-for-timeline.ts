import { describeSecret, isSecretName, redact } from './redact.js';

/**
 * Shows a JWT's header and claims on the timeline without its signature. Display only: nothing
 * decoded here is trusted; verification lives in the protocol libs.
 */
export function decodeJwtForTimeline(jwt: unknown): Record<string, unknown> {
  if (typeof jwt !== 'string') return { value: describeSecret(jwt) };
  const [header, payload, signature] = jwt.split('.');
  return {
    // A wallet that sends its private key in `jwk` (a DPoP proof, a key proof) must not find it on the timeline.
    header: redact(decodePart(header)),
    payload: redact(decodePart(payload)),
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

/** Claims of a JWT's payload that are secrets by name (a wallet that copies its access token into a DPoP proof). */
export function secretClaimsOf(jwt: unknown): string[] {
  if (typeof jwt !== 'string') return [];
  const payload = decodePart(jwt.split('.')[1]);
  return payload !== null && typeof payload === 'object' && !Array.isArray(payload) ? Object.keys(payload).filter(isSecretName) : [];
}
