import { randomToken } from '@issuer/crypto';

/** RFC 6749 Section 10.10: an opaque refresh token, 256 random bits; only its `hashSecret` is stored. */
export function createRefreshToken(): string {
  return randomToken(32);
}
