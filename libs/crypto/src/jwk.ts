import type { JWK } from 'jose';

export type { JWK };

/** RFC 7517/7518: members that carry private or symmetric key material. */
export const PRIVATE_JWK_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'priv'] as const;
