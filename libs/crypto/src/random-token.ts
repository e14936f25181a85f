import { randomBytes } from 'node:crypto';

/** Unpredictable base64url string of `bytes` random octets (256 bits by default). */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}
