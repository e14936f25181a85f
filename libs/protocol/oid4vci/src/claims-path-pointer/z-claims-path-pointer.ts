import { z } from 'zod';

// OID4VCI 1.0 Appendix C: a non-empty array of strings (keys), nulls (all elements) and non-negative integers (indices).
export const zClaimsPathPointer = z.array(z.union([z.string(), z.number().int().nonnegative(), z.null()])).min(1);

export type ClaimsPathPointer = z.infer<typeof zClaimsPathPointer>;
