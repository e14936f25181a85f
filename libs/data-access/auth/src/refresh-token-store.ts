import type { Prisma } from './generated/client.js';
import { toAuthorizationRequestRecord } from './to-authorization-request-record.js';
import type { NewRefreshToken, RefreshTokenRevocationReason, StoredRefreshToken } from './refresh-token.js';

/** The auth schema's refresh tokens, by family (one family per redeemed authorization code). */
export interface RefreshTokenStore {
  findRefreshToken(tokenHash: string): Promise<StoredRefreshToken | null>;
  /**
   * RFC 9700 Section 4.14.2: replaces the family's current token `tokenHash` by `next`. True for the
   * one caller that finds `tokenHash` current in an unrevoked family. Any other caller presented a
   * token used before (or lost a race for it): the family is revoked, and it gets false.
   */
  rotateRefreshToken(familyId: string, tokenHash: string, next: NewRefreshToken, now: Date): Promise<boolean>;
  /** Revokes every refresh token of the family; true when this call revoked it, false when there was none or it already was. */
  revokeRefreshTokens(familyId: string, now: Date, reason: RefreshTokenRevocationReason): Promise<boolean>;
}

export function refreshTokenStore(client: Prisma.TransactionClient): RefreshTokenStore {
  const revokeRefreshTokens: RefreshTokenStore['revokeRefreshTokens'] = async (familyId, now, reason) => {
    const { count } = await client.refreshTokenFamily.updateMany({ where: { requestUriHash: familyId, revokedAt: null }, data: { revokedAt: now, revocationReason: reason } });
    return count === 1;
  };
  return {
    async findRefreshToken(tokenHash) {
      const row = await client.refreshToken.findUnique({ where: { tokenHash }, include: { family: { include: { authorizationRequest: true } } } });
      if (!row) return null;
      const { family } = row;
      return {
        tokenHash: row.tokenHash,
        familyId: row.familyId,
        issuedAt: row.issuedAt,
        expiresAt: row.expiresAt,
        usedAt: row.usedAt,
        dpopJkt: family.dpopJkt,
        revokedAt: family.revokedAt,
        revocationReason: family.revocationReason,
        authorization: toAuthorizationRequestRecord(family.authorizationRequest),
      };
    },

    async rotateRefreshToken(familyId, tokenHash, next, now) {
      // One statement; concurrent rotations queue on the family row and re-check its WHERE once the first commits.
      const [result] = await client.$queryRawUnsafe<Array<{ count: number }>>(
        `WITH "rotated" AS (
           UPDATE "auth"."RefreshTokenFamily" SET "currentTokenHash" = $3
           WHERE "requestUriHash" = $1 AND "currentTokenHash" = $2 AND "revokedAt" IS NULL
           RETURNING "requestUriHash"
         ),
         "used" AS (
           UPDATE "auth"."RefreshToken" SET "usedAt" = $5
           WHERE "tokenHash" = $2 AND EXISTS (SELECT 1 FROM "rotated")
         ),
         "issued" AS (
           INSERT INTO "auth"."RefreshToken" ("tokenHash", "familyId", "issuedAt", "expiresAt")
           SELECT $3::text, "requestUriHash", $5::timestamptz, $4::timestamptz FROM "rotated"
           RETURNING 1
         )
         SELECT count(*)::int AS "count" FROM "issued"`,
        familyId,
        tokenHash,
        next.tokenHash,
        next.expiresAt,
        now,
      );
      if (result?.count === 1) return true;
      await revokeRefreshTokens(familyId, now, 'refresh token used twice');
      return false;
    },

    revokeRefreshTokens,
  };
}
