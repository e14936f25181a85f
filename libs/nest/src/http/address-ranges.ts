import { BlockList, isIP } from 'node:net';

/** Whether `entry` is an IP address or a CIDR range (`10.0.0.0/8`, `fd00::/8`). */
export function isAddressOrRange(entry: string): boolean {
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  return prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128));
}

/** The addresses and ranges as one set; every entry must pass `isAddressOrRange`. */
export function addressRanges(entries: string[]): BlockList {
  const ranges = new BlockList();
  for (const entry of entries) {
    const [address = '', prefix] = entry.split('/');
    const type = isIP(address) === 4 ? 'ipv4' : 'ipv6';
    if (prefix === undefined) ranges.addAddress(address, type);
    else ranges.addSubnet(address, Number(prefix), type);
  }
  return ranges;
}

/** Whether `ip` is in `ranges`; an IPv4-mapped IPv6 address counts as its IPv4 address, anything not an address is in none. */
export function inRanges(ranges: BlockList, ip: string): boolean {
  const family = isIP(ip);
  return family !== 0 && ranges.check(ip, family === 4 ? 'ipv4' : 'ipv6');
}
