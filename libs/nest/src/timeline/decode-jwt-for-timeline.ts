import { decodeJsonPart } from '@issuer/crypto';
import { describeSecret, isSecretName, redact } from './redact.js';

/**
 * Shows a JWT's header and claims on the timeline without its signature. Display only: nothing
 * decoded here is trusted; verification lives in the protocol libs.
 */
export function decodeJwtForTimeline(jwt: unknown): Record<string, unknown> {
  if (typeof jwt !== 'string') return { value: describeSecret(jwt) };
  const [header, payload, signature] = jwt.split('.');
  // A wallet that sends its private key in `jwk` (a DPoP proof, a key proof) must not find it on the timeline.
  const shownHeader = redact(decodeJsonPart(header));
  // OID4VCI 1.0 Appendix F.1: a key proof may carry its key attestation, itself a JWT, in the header.
  if (isObject(shownHeader) && typeof shownHeader['key_attestation'] === 'string') shownHeader['key_attestation'] = decodeJwtForTimeline(shownHeader['key_attestation']);
  return {
    header: shownHeader,
    payload: redact(decodeJsonPart(payload)),
    signature: describeSecret(signature),
  };
}

/** Claims of a JWT's payload that are secrets by name (a wallet that copies its access token into a DPoP proof). */
export function secretClaimsOf(jwt: unknown): string[] {
  if (typeof jwt !== 'string') return [];
  const payload = decodeJsonPart(jwt.split('.')[1]);
  return payload !== null && typeof payload === 'object' && !Array.isArray(payload) ? Object.keys(payload).filter(isSecretName) : [];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
