const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const BASE64URL = /^[A-Za-z0-9_-]*$/;

export function base64urlEncode(input: string | Uint8Array): string {
  return (typeof input === 'string' ? Buffer.from(input, 'utf8') : Buffer.from(input.buffer, input.byteOffset, input.byteLength)).toString('base64url');
}

/**
 * RFC 7515 Section 2: base64url without padding. Unlike `Buffer.from(s, 'base64url')`, which skips
 * what it does not understand, anything but the canonical encoding of some octets is refused, so one
 * value has exactly one spelling.
 */
export function isBase64url(input: string): boolean {
  if (!BASE64URL.test(input)) return false;
  const rest = input.length % 4;
  if (rest === 0) return true;
  if (rest === 1) return false;
  const last = ALPHABET.indexOf(input[input.length - 1] as string);
  return (last & (rest === 2 ? 0b1111 : 0b11)) === 0;
}

/** Decodes strict base64url; returns null when `input` is not canonical base64url. */
export function base64urlDecode(input: string): Buffer | null {
  return isBase64url(input) ? Buffer.from(input, 'base64url') : null;
}
