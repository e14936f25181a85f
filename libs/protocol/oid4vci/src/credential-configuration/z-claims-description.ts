import { z } from 'zod';
import { formatClaimsPath } from '../claims-path-pointer/select-claims.js';
import { zClaimsPathPointer, type ClaimsPathPointer } from '../claims-path-pointer/z-claims-path-pointer.js';

export const zClaimDisplay = z.strictObject({
  name: z.string().optional(),
  locale: z.string().optional(),
  /** SD-JWT VC Section 9.2: the claim's description in the type metadata the issuer serves; never in the issuer metadata. */
  description: z.string().optional(),
});

/**
 * OID4VCI 1.0 Appendix B.2, plus `sd`: whether the issuer makes the claim selectively disclosable
 * (`always`, the default) or puts it in the clear (`never`). `sd` never reaches the issuer metadata.
 */
export const zClaimsDescription = z.strictObject({
  path: zClaimsPathPointer,
  mandatory: z.boolean().optional(),
  display: z.array(zClaimDisplay).min(1).optional(),
  sd: z.enum(['always', 'never']).optional(),
});

export type ClaimsDescription = z.infer<typeof zClaimsDescription>;

/** OID4VCI 1.0 Appendix B.3: repeated or contradictory claims descriptions abort processing. */
export function findClaimsDescriptionConflict(claims: ReadonlyArray<{ path: ClaimsPathPointer }>): string | undefined {
  for (let i = 0; i < claims.length; i++) {
    for (let j = i + 1; j < claims.length; j++) {
      const conflict = comparePaths(claims[i]!.path, claims[j]!.path);
      if (conflict) return `claims[${i}] and claims[${j}]: ${conflict}`;
    }
  }
  return undefined;
}

function comparePaths(a: ClaimsPathPointer, b: ClaimsPathPointer): string | undefined {
  const shared = Math.min(a.length, b.length);
  for (let k = 0; k < shared; k++) {
    const x = a[k]!;
    const y = b[k]!;
    if (x === y) continue;
    const kindX = componentKind(x);
    const kindY = componentKind(y);
    if (kindX === kindY) return undefined;
    const at = formatClaimsPath(a.slice(0, k)) || 'the root';
    if (kindX === 'key' || kindY === 'key') return `${at} is addressed both as an object and as an array`;
    return `${at} is addressed both with null (all elements) and with an index`;
  }
  if (a.length === b.length) return `${formatClaimsPath(a)} is described twice`;
  return undefined;
}

function componentKind(component: string | number | null): 'key' | 'all' | 'index' {
  if (typeof component === 'string') return 'key';
  return component === null ? 'all' : 'index';
}
