import type { AuthorizationRequestRecord } from './authorization-request.js';

/** A refresh token to store: its hash, never the token. */
export interface NewRefreshToken {
  tokenHash: string;
  expiresAt: Date;
}

/** The first refresh token of an authorization, with the DPoP key its family is bound to (null: none). */
export interface FirstRefreshToken extends NewRefreshToken {
  dpopJkt: string | null;
}

/** Why every refresh token of an authorization was revoked (RFC 9700 Sections 4.5 and 4.14.2). */
export type RefreshTokenRevocationReason = 'refresh token used twice' | 'authorization code used twice';

export interface StoredRefreshToken {
  tokenHash: string;
  familyId: string;
  issuedAt: Date;
  expiresAt: Date;
  /** When it was exchanged for its successor. */
  usedAt: Date | null;
  dpopJkt: string | null;
  revokedAt: Date | null;
  revocationReason: string | null;
  /** The authorization the family continues: client, session, what it grants. */
  authorization: AuthorizationRequestRecord;
}
