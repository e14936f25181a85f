import { createCipheriv, createDecipheriv, hkdfSync } from 'node:crypto';
import { randomOctets } from './random-octets.js';
import { base64urlDecode } from './base64url.js';
import type { JsonObject } from './decode-jws.js';

const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = 1 + IV_BYTES;

/** HKDF-derived keys by context; each entry is keyed by the secret, so they live as long as it does. */
const derivedKeys = new Map<string, Buffer>();
const MAX_DERIVED_KEYS = 16;

/**
 * AES-256-GCM sealing of a small JSON object into one base64url string: version || iv || ciphertext
 * || tag. The key is derived from `secret` with HKDF-SHA256 and `context` as info, so a value sealed
 * for one purpose (a c_nonce) does not open as another (a DPoP nonce).
 */
export function sealJson(payload: JsonObject, secret: string | Uint8Array, context = 'sealed-json'): string {
  const iv = randomOctets(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', deriveKey(secret, context), iv);
  const body = Buffer.concat([cipher.update(JSON.stringify(payload), 'utf8'), cipher.final()]);
  return Buffer.concat([Buffer.of(VERSION), iv, body, cipher.getAuthTag()]).toString('base64url');
}

/** Opens what `sealJson` produced with the same secret and context; null for anything else. */
export function openSealed<T extends JsonObject = JsonObject>(token: string, secret: string | Uint8Array, context = 'sealed-json'): T | null {
  if (typeof token !== 'string') return null;
  const bytes = base64urlDecode(token);
  if (bytes === null || bytes.length < HEADER_BYTES + TAG_BYTES || bytes[0] !== VERSION) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', deriveKey(secret, context), bytes.subarray(1, HEADER_BYTES));
    decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
    const plain = Buffer.concat([decipher.update(bytes.subarray(HEADER_BYTES, bytes.length - TAG_BYTES)), decipher.final()]);
    const value: unknown = JSON.parse(plain.toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as T) : null;
  } catch {
    return null;
  }
}

function deriveKey(secret: string | Uint8Array, context: string): Buffer {
  const secretBytes = typeof secret === 'string' ? Buffer.from(secret, 'utf8') : Buffer.from(secret);
  if (secretBytes.length < 16) throw new RangeError('the sealing secret must be at least 16 bytes');
  const cacheKey = `${context}\u0000${secretBytes.toString('base64')}`;
  let key = derivedKeys.get(cacheKey);
  if (key === undefined) {
    key = Buffer.from(hkdfSync('sha256', secretBytes, Buffer.alloc(0), `issuer/${context}`, 32));
    if (derivedKeys.size >= MAX_DERIVED_KEYS) derivedKeys.clear();
    derivedKeys.set(cacheKey, key);
  }
  return key;
}
