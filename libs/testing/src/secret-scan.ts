/**
 * Finds secrets in what a platform stored or logged (ARCHITECTURE.md principle 9): the values a
 * test suite saw in its exchanges, and private keys by their shape wherever they come from.
 */

// Parameters and members whose value is a secret wherever a wallet or operator sees it.
const secretNames = new Set(['access_token', 'refresh_token', 'pre-authorized_code', 'code', 'code_verifier', 'tx_code', 'client_secret']);
// Shorter values are a test's deliberate junk (`wrong`), which may rightly appear in a reason.
const MIN_SECRET_LENGTH = 16;

const privateKeyShapes: Array<[string, RegExp]> = [
  ['a PEM private key', /-----BEGIN [A-Z ]*PRIVATE KEY-----/],
  // RFC 7517 Section 9.2: "d" is the private part of an EC or RSA JWK, JSON-escaped or not.
  ['a private JWK member "d"', /\\?"d\\?"\s*:\s*\\?"[A-Za-z0-9_-]{32,}\\?"/],
];

export interface Exchange {
  url: string;
  requestHeaders: Record<string, string>;
  requestBody?: string;
  responseHeaders: Record<string, string>;
  responseBody?: string;
}

/** The secrets of one HTTP exchange: bearer credentials sent, codes and verifiers sent, codes and tokens answered. */
export function secretsOfExchange(exchange: Exchange): string[] {
  const found: string[] = [];
  const authorization = exchange.requestHeaders['authorization'];
  if (authorization) found.push(authorization.replace(/^\S+\s+/, ''));
  if (exchange.requestBody && exchange.requestHeaders['content-type']?.startsWith('application/x-www-form-urlencoded')) {
    for (const [name, value] of new URLSearchParams(exchange.requestBody)) if (secretNames.has(name) && name !== 'tx_code') found.push(value);
  }
  const location = exchange.responseHeaders['location'];
  if (location) found.push(...(URL.canParse(location) ? new URL(location).searchParams.getAll('code') : []));
  const answer = parseJson(exchange.responseBody);
  collectMembers(answer, found, new URL(exchange.url).pathname.includes('/api-keys') ? new Set([...secretNames, 'key']) : secretNames);
  return found.filter((value) => value.length >= MIN_SECRET_LENGTH || /^\d{4,}$/.test(value));
}

function collectMembers(value: unknown, found: string[], names: Set<string>): void {
  if (Array.isArray(value)) return value.forEach((item) => collectMembers(item, found, names));
  if (typeof value !== 'object' || value === null) return;
  for (const [name, member] of Object.entries(value)) {
    if (names.has(name) && typeof member === 'string') found.push(member);
    else collectMembers(member, found, names);
  }
}

function parseJson(text: string | undefined): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

export interface SecretFinding {
  /** Which secret (its first characters and length) or which private key shape; never the secret whole. */
  what: string;
  where: string;
  /** The text just before the secret, long runs masked: which member or header holds it. */
  context?: string;
}

const TOKEN = /[A-Za-z0-9_-]+/g;

/**
 * Secrets looked up by their longest base64url run (a JWT's payload, a code whole), so a scan is one
 * pass over each text however many secrets there are. Text is percent-decoded first: a secret in a
 * URL-encoded query is found too. A numeric secret (a tx_code) counts only as a whole number.
 */
export class SecretIndex {
  private readonly needles = new Map<string, string>();

  get size(): number {
    return this.needles.size;
  }

  add(secret: string): void {
    const needle = (secret.match(TOKEN) ?? []).reduce((longest, run) => (run.length > longest.length ? run : longest), '');
    // Issued secrets are random: a run of few distinct characters is a test's filler ('AAAA...'), not one.
    const random = needle.length >= MIN_SECRET_LENGTH && new Set(needle).size >= 8;
    if (random || /^\d{4,}$/.test(needle)) this.needles.set(needle, `a secret ${secret.slice(0, 4)}... of ${secret.length} characters`);
  }

  find(text: string, where: string): SecretFinding[] {
    const findings: SecretFinding[] = [];
    const decoded = percentDecoded(text);
    for (const token of new Set(decoded.match(TOKEN) ?? [])) {
      const what = this.needles.get(token);
      if (what) findings.push({ what, where, context: contextBefore(decoded, token) });
    }
    for (const [what, shape] of privateKeyShapes) if (shape.test(text)) findings.push({ what, where });
    return findings;
  }
}

function contextBefore(text: string, token: string): string {
  const at = text.indexOf(token);
  return `${text.slice(Math.max(0, at - 120), at).replace(/[A-Za-z0-9_-]{16,}/g, '<run>')}<secret>`;
}

function percentDecoded(text: string): string {
  let decoded = text;
  for (let round = 0; round < 3 && /%[0-9A-Fa-f]{2}/.test(decoded); round++) decoded = decoded.replace(/%([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return decoded;
}
