import { createHash, randomInt } from 'node:crypto';
import type { Tag } from 'cbor-x';
import { randomOctets } from '@issuer/crypto';
import { encodeCbor, encodedCborDataItem } from './cbor.js';
import { toElementValue } from './element-value.js';

/** ISO/IEC 18013-5 Section 9.1.2.5: the random salt; 32 bytes, above the 16 it requires at least. */
export const SALT_BYTES = 32;

export interface SignedItem {
  digestID: number;
  /** IssuerSignedItemBytes: tag 24 around the IssuerSignedItem encoded once. */
  itemBytes: Tag;
  /** SHA-256 over the encoding of `itemBytes`, the value digest in the MSO. */
  digest: Buffer;
}

/**
 * The IssuerSignedItems of one namespace (ISO/IEC 18013-5 Section 8.3.2.1.2.2) with their value
 * digests (Section 9.1.2.5). The digestIDs are a random permutation, so neither they nor the order of
 * the value digests tell which element is which.
 */
export function issuerSignedItems(nameSpace: string, elements: Record<string, unknown>): SignedItem[] {
  const entries = Object.entries(elements);
  const digestIDs = shuffled(entries.map((_, index) => index));
  return entries.map(([elementIdentifier, value], index) => {
    const digestID = digestIDs[index]!;
    const item = new Map<string, unknown>([
      ['digestID', digestID],
      ['random', randomOctets(SALT_BYTES)],
      ['elementIdentifier', elementIdentifier],
      ['elementValue', toElementValue(elementIdentifier, value, `${nameSpace}.${elementIdentifier}`)],
    ]);
    const itemBytes = encodedCborDataItem(encodeCbor(item));
    return { digestID, itemBytes, digest: createHash('sha256').update(encodeCbor(itemBytes)).digest() };
  });
}

/** The DigestIDs map of a namespace in the MSO, ordered by digestID rather than by element. */
export function valueDigests(items: readonly SignedItem[]): Map<number, Buffer> {
  return new Map([...items].sort((a, b) => a.digestID - b.digestID).map((item) => [item.digestID, item.digest]));
}

// Fisher-Yates with a cryptographic source.
function shuffled<T>(values: T[]): T[] {
  const result = [...values];
  for (let i = result.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [result[i], result[j]] = [result[j]!, result[i]!];
  }
  return result;
}
