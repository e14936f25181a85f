import { base64urlDecode } from './base64url.js';
import { JwsFormatError, type JwsPart } from './crypto-errors.js';

export type JsonObject = Record<string, unknown>;

export interface DecodedJws {
  header: JsonObject;
  payload: JsonObject;
  /** RFC 7515 Section 5.2: ASCII(BASE64URL(header) || '.' || BASE64URL(payload)). */
  signingInput: string;
  signature: Buffer;
}

/**
 * Splits a compact JWS (RFC 7515 Section 7.1) whose header and payload are JSON objects. The
 * signature is not checked here; an empty signature is let through so that `alg: none` can be
 * refused by name rather than as a format error.
 */
export function decodeJws(compact: string): DecodedJws {
  if (typeof compact !== 'string') throw new JwsFormatError('ERR_JWS_SEGMENTS', `expected a compact JWS string, got ${describe(compact)}`);
  const first = compact.indexOf('.');
  const second = first === -1 ? -1 : compact.indexOf('.', first + 1);
  if (first === -1 || second === -1 || compact.indexOf('.', second + 1) !== -1) {
    throw new JwsFormatError('ERR_JWS_SEGMENTS', `expected 3 dot-separated segments, got ${compact.split('.').length}`);
  }
  const header = decodeJsonObject(compact.slice(0, first), 'header');
  const payload = decodeJsonObject(compact.slice(first + 1, second), 'payload');
  const signature = base64urlDecode(compact.slice(second + 1));
  if (signature === null) throw new JwsFormatError('ERR_JWS_BASE64URL', 'the signature segment is not base64url', 'signature');
  return { header, payload, signingInput: compact.slice(0, second), signature };
}

function decodeJsonObject(segment: string, part: JwsPart): JsonObject {
  const bytes = base64urlDecode(segment);
  if (bytes === null || bytes.length === 0) throw new JwsFormatError('ERR_JWS_BASE64URL', `the ${part} segment is not base64url`, part);
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new JwsFormatError('ERR_JWS_JSON', `the ${part} is not JSON`, part);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new JwsFormatError('ERR_JWS_NOT_OBJECT', `the ${part} is JSON but not an object (got ${describe(value)})`, part);
  }
  return value as JsonObject;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value;
}
