import { randomOctets } from './random-octets.js';

/** Unpredictable base64url string of `bytes` random octets (256 bits by default). */
export function randomToken(bytes = 32): string {
  return randomOctets(bytes).toString('base64url');
}
