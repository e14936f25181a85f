import { randomFillSync } from 'node:crypto';

const POOL_BYTES = 4096;
const pool = Buffer.allocUnsafeSlow(POOL_BYTES);
let offset = POOL_BYTES;

/**
 * `length` octets from the system's CSPRNG. Small requests are served from a pool filled 4 KiB at
 * a time, as Node does for randomUUID: one randomBytes call per salt, token or request id cost
 * more than the rest of its use. Every octet is handed out once; the pool is overwritten as it
 * is used up.
 */
export function randomOctets(length: number): Buffer {
  if (length > POOL_BYTES / 4) return randomFillSync(Buffer.allocUnsafe(length));
  if (offset + length > POOL_BYTES) {
    randomFillSync(pool);
    offset = 0;
  }
  const octets = Buffer.from(pool.subarray(offset, offset + length));
  pool.fill(0, offset, offset + length);
  offset += length;
  return octets;
}
