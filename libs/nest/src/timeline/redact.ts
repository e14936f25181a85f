/**
 * Secrets never reach a log, a timeline or an error (ARCHITECTURE.md principle 9): a secret value is
 * replaced by `<present, len=N>` so a wallet developer still sees that it was sent and how long it was.
 */
const secretKeys = new Set([
  'pre-authorized_code', 'pre_authorized_code', 'tx_code', 'user_pin', 'code', 'code_verifier',
  'access_token', 'refresh_token', 'id_token', 'authorization', 'cookie', 'set-cookie', 'client_secret',
  'client_assertion', 'x-api-key', 'api_key', 'password', 'secret', 'private_key', 'privatekey',
  // The answer to POST /admin/v1/api-keys carries the new key's secret as `key`.
  'key',
]);

const normalizedSecretKeys = new Set([...secretKeys].map(normalizeName));

function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[-_]/g, '');
}

/** Whatever its spelling: `access_token`, `accessToken`, `Access-Token`. Some wallet libraries put their token into a DPoP proof as `accessToken`. */
export function isSecretName(name: string): boolean {
  return normalizedSecretKeys.has(normalizeName(name));
}

// RFC 7517 Section 9.2 / RFC 7518 Section 6: private members of a JWK.
const privateJwkMembers = new Set(['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k']);

export function describeSecret(value: unknown): string {
  if (value === undefined || value === null || value === '') return '<absent>';
  const length = typeof value === 'string' ? value.length : JSON.stringify(value).length;
  return `<present, len=${length}>`;
}

// Longer than any proof, attestation or encrypted request: an oversized value is kept as its start and length, so hostile input cannot fill the timeline.
const MAX_RECORDED_STRING = 16 * 1024;
const MAX_RECORDED_ITEMS = 100; // array items and object members

export function redact(value: unknown, depth = 0): unknown {
  if (depth > 12) return '<truncated>';
  if (Array.isArray(value)) {
    const items = value.slice(0, MAX_RECORDED_ITEMS).map((item) => redact(item, depth + 1));
    return value.length > MAX_RECORDED_ITEMS ? [...items, `<${value.length - MAX_RECORDED_ITEMS} more items>`] : items;
  }
  if (typeof value === 'string' && value.length > MAX_RECORDED_STRING) return `${value.slice(0, 1024)}<truncated, len=${value.length}>`;
  if (value === null || typeof value !== 'object') return value;
  const source = value as Record<string, unknown>;
  const looksLikeJwk = typeof source['kty'] === 'string';
  const result: Record<string, unknown> = {};
  const entries = Object.entries(source);
  if (entries.length > MAX_RECORDED_ITEMS) result['<more members>'] = entries.length - MAX_RECORDED_ITEMS;
  for (const [key, item] of entries.slice(0, MAX_RECORDED_ITEMS)) {
    if (isSecretName(key) || (looksLikeJwk && privateJwkMembers.has(key))) {
      result[key] = describeSecret(item);
    } else {
      result[key] = redact(item, depth + 1);
    }
  }
  return result;
}

/**
 * A redirect's Location carries the authorization response on its query (RFC 6749 Section 4.1.2):
 * the code is a secret like any other, the rest stays readable.
 */
export function redactLocation(location: string): string {
  const query = location.indexOf('?');
  if (query === -1) return location;
  const parameters = new URLSearchParams(location.slice(query + 1).split('#')[0]);
  let changed = false;
  for (const [name, value] of parameters) {
    if (isSecretName(name)) {
      parameters.set(name, describeSecret(value));
      changed = true;
    }
  }
  return changed ? `${location.slice(0, query)}?${parameters.toString()}` : location;
}

/**
 * Headers proxies and meshes add on the way (RFC 7239 Forwarded, X-Forwarded-*, Envoy's, Zipkin B3,
 * X-Request-Id) and HTTP Message Signatures (RFC 9421): noise in a wallet's timeline, and about the
 * deployment rather than the wallet, so kept only while verbose capture is on for the session.
 */
export function isVerboseOnlyHeader(name: string): boolean {
  const lower = name.toLowerCase();
  return /^(x-forwarded-|x-envoy-|x-b3-)/.test(lower) || verboseOnlyHeaders.has(lower);
}

const verboseOnlyHeaders = new Set(['forwarded', 'x-request-id', 'x-real-ip', 'b3', 'signature', 'signature-input']);

export function describeVerboseOnly(value: unknown): string {
  return `<verbose capture off, len=${typeof value === 'string' ? value.length : JSON.stringify(value).length}>`;
}

/**
 * Redacted headers with the verbose-only ones replaced by their length, and those values apart:
 * the session-log service puts them back only for a session whose verbose capture is on.
 */
export function splitVerboseHeaders(headers: Record<string, unknown>): { headers: Record<string, unknown>; verbose: Record<string, unknown> } {
  const shown: Record<string, unknown> = {};
  const verbose: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (isVerboseOnlyHeader(name)) {
      shown[name] = describeVerboseOnly(value);
      verbose[name] = value;
    } else {
      shown[name] = value;
    }
  }
  return { headers: shown, verbose };
}
