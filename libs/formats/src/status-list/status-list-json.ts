import { constants, deflateSync, inflateSync } from 'node:zlib';
import { isStatusListBits, type StatusList, type StatusListBits } from './status-list.js';

/** Section 4.2: the `StatusList` JSON object. */
export interface StatusListJson {
  bits: StatusListBits;
  /** base64url of the ZLIB-compressed byte array. */
  lst: string;
  aggregation_uri?: string;
}

const BASE64URL = /^[A-Za-z0-9_-]*$/;

// A compressed list inflates by up to ~1000x; a bound keeps a hostile `lst` from exhausting memory.
const DEFAULT_MAX_BYTES = 16 * 1024 * 1024;

/** Section 4.1 step 4: DEFLATE with the ZLIB format, at the highest compression level. */
export function encodeStatusList(list: StatusList): StatusListJson {
  return { bits: list.bits, lst: deflateSync(list.bytes, { level: constants.Z_BEST_COMPRESSION }).toString('base64url') };
}

/** The list `json` conveys; its size is every entry the byte array holds. */
export function decodeStatusList(json: { bits: unknown; lst: unknown }, maxBytes = DEFAULT_MAX_BYTES): StatusList {
  const { bits, lst } = json;
  if (!isStatusListBits(bits)) throw new RangeError(`bits must be 1, 2, 4 or 8, not ${String(bits)}`);
  if (typeof lst !== 'string' || !BASE64URL.test(lst)) throw new TypeError('lst must be a base64url string');
  let inflated: Buffer;
  try {
    inflated = inflateSync(Buffer.from(lst, 'base64url'), { maxOutputLength: maxBytes });
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE') throw new RangeError(`lst inflates to more than ${maxBytes} bytes`, { cause: error });
    throw new TypeError(`lst is not ZLIB-compressed data: ${(error as Error).message}`, { cause: error });
  }
  const bytes = new Uint8Array(inflated);
  return { bits, size: (bytes.length * 8) / bits, bytes };
}
