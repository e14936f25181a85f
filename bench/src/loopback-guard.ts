import { lookup as dnsLookup } from 'node:dns/promises';
import { isIPv4, isIPv6 } from 'node:net';

export class NotLoopbackError extends Error {
  readonly code = 'refused_not_loopback';
}

/**
 * The bench only ever talks to this machine: a load generator aimed at someone else's server is an
 * attack. Hosts are loopback literals (127.0.0.0/8, ::1, ::ffff:127.0.0.0/104) or `localhost`,
 * and `localhost` counts only when every address it resolves to is loopback.
 */
export class LoopbackGuard {
  private readonly approvedNames = new Set<string>();

  constructor(private readonly lookup: (hostname: string) => Promise<string[]> = resolveAll) {}

  /** Checks a URL before first use; names are resolved once here. */
  async approve(url: URL | string): Promise<void> {
    const parsed = typeof url === 'string' ? new URL(url) : url;
    assertLoopbackLiteral(parsed);
    const host = hostOf(parsed);
    if (isIPv4(host) || isIPv6(host) || this.approvedNames.has(host)) return;
    const addresses = await this.lookup(host);
    if (addresses.length === 0 || !addresses.every(isLoopbackAddress)) {
      throw new NotLoopbackError(`Refusing ${host}: it resolves to ${addresses.join(', ') || 'nothing'}, not only loopback addresses`);
    }
    this.approvedNames.add(host);
  }

  /** Synchronous check on every request: loopback literals, or names approved before. */
  check(url: URL): void {
    const host = hostOf(url);
    if (this.approvedNames.has(host)) return;
    if (!isLoopbackAddress(host)) throw new NotLoopbackError(`Refusing ${url.origin}: the bench sends traffic to loopback addresses only`);
  }
}

/** Throws unless the URL's host is a loopback literal or `localhost` (resolved later by the guard). */
export function assertLoopbackLiteral(url: URL): void {
  const host = hostOf(url);
  if (host === 'localhost') return;
  if (!isLoopbackAddress(host)) throw new NotLoopbackError(`Refusing ${url.origin}: the bench sends traffic to loopback addresses only (127.0.0.0/8, ::1, localhost)`);
}

export function isLoopbackAddress(address: string): boolean {
  if (isIPv4(address)) return address.startsWith('127.');
  if (!isIPv6(address)) return false;
  const groups = ipv6Groups(address);
  if (groups === undefined) return false;
  const [a = 1, b = 1, c = 1, d = 1, e = 1, f = 1, g = 1, h = 1] = groups;
  const leadingZeros = a === 0 && b === 0 && c === 0 && d === 0 && e === 0;
  if (leadingZeros && f === 0 && g === 0 && h === 1) return true;
  // RFC 4291 Section 2.5.5.2: IPv4-mapped addresses carry the IPv4 address in the last 32 bits.
  return leadingZeros && f === 0xffff && g >> 8 === 127;
}

function ipv6Groups(address: string): number[] | undefined {
  let text = address.toLowerCase();
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted?.[1]) {
    const [p = 0, q = 0, r = 0, s = 0] = dotted[1].split('.').map(Number);
    text = `${text.slice(0, -dotted[1].length)}${((p << 8) | q).toString(16)}:${((r << 8) | s).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const headGroups = head ? head.split(':') : [];
  const tailGroups = tail ? tail.split(':') : [];
  const missing = 8 - headGroups.length - tailGroups.length;
  if (tail === undefined ? missing !== 0 : missing < 0) return undefined;
  return [...headGroups, ...Array<string>(missing).fill('0'), ...tailGroups].map((group) => parseInt(group, 16));
}

function hostOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1');
}

async function resolveAll(hostname: string): Promise<string[]> {
  const answers = await dnsLookup(hostname, { all: true });
  return answers.map((answer) => answer.address);
}
