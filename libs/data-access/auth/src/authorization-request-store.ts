import { changeWithOutbox, type OutgoingEvent } from '@issuer/data-access-runtime';
import type { Prisma } from './generated/client.js';
import type { AuthorizationRequestRecord, IssuedAuthorizationCode, NewAuthorizationRequest, NewIssuerState } from './authorization-request.js';
import { toAuthorizationRequestRecord } from './to-authorization-request-record.js';
import type { FirstRefreshToken } from './refresh-token.js';

/** The auth schema's issuer states, authorization requests and authorization codes. */
export interface AuthorizationRequestStore {
  registerIssuerState(state: NewIssuerState): Promise<void>;
  findIssuerState(issuerStateHash: string): Promise<NewIssuerState | null>;
  createAuthorizationRequest(request: NewAuthorizationRequest): Promise<void>;
  findAuthorizationRequest(requestUriHash: string): Promise<AuthorizationRequestRecord | null>;
  /**
   * RFC 9126 Section 4: a request_uri serves one completed authorization. True for the one caller
   * that finds the request unexpired at `now` and without a code yet.
   */
  issueAuthorizationCode(requestUriHash: string, code: IssuedAuthorizationCode, now: Date): Promise<boolean>;
  findByAuthorizationCode(codeHash: string): Promise<AuthorizationRequestRecord | null>;
  /**
   * RFC 6749 Section 4.1.2: single use. True for the one caller that finds it unconsumed; the
   * authorization's first refresh token and the events are written with it, and only then.
   */
  consumeAuthorizationCode(codeHash: string, now: Date, refreshToken: FirstRefreshToken, events: OutgoingEvent[]): Promise<boolean>;
}

export function authorizationRequestStore(client: Prisma.TransactionClient): AuthorizationRequestStore {
  return {
    async registerIssuerState(state) {
      await client.issuerState.create({ data: { ...state, testBehaviours: jsonOrNone(state.testBehaviours) } });
    },

    async findIssuerState(issuerStateHash) {
      const row = await client.issuerState.findUnique({
        where: { issuerStateHash },
        select: { issuerStateHash: true, sessionId: true, issuanceId: true, credentialConfigurationIds: true, compatibilityProfile: true, requireKeyAttestation: true, requireWalletAttestation: true, testBehaviours: true, expiresAt: true },
      });
      return row && { ...row, testBehaviours: row.testBehaviours as Record<string, unknown> | null };
    },

    async createAuthorizationRequest(request) {
      await client.authorizationRequest.create({
        data: { ...request, authorizationDetails: (request.authorizationDetails ?? undefined) as Prisma.InputJsonArray | undefined, testBehaviours: jsonOrNone(request.testBehaviours) },
      });
    },

    async findAuthorizationRequest(requestUriHash) {
      const row = await client.authorizationRequest.findUnique({ where: { requestUriHash } });
      return row ? toAuthorizationRequestRecord(row) : null;
    },

    async issueAuthorizationCode(requestUriHash, code, now) {
      const { count } = await client.authorizationRequest.updateMany({
        where: { requestUriHash, codeHash: null, expiresAt: { gt: now } },
        data: code,
      });
      return count === 1;
    },

    async findByAuthorizationCode(codeHash) {
      const row = await client.authorizationRequest.findUnique({ where: { codeHash } });
      return row ? toAuthorizationRequestRecord(row) : null;
    },

    async consumeAuthorizationCode(codeHash, now, refreshToken, events) {
      const consumed = await changeWithOutbox(
        client,
        'auth',
        {
          with: `"consumed" AS (
                   UPDATE "auth"."AuthorizationRequest" SET "codeConsumedAt" = $2
                   WHERE "codeHash" = $1 AND "codeConsumedAt" IS NULL AND "codeExpiresAt" > $2
                   RETURNING "requestUriHash"
                 ),
                 "family" AS (
                   INSERT INTO "auth"."RefreshTokenFamily" ("requestUriHash", "dpopJkt", "currentTokenHash", "createdAt")
                   SELECT "requestUriHash", $5::text, $3::text, $2::timestamptz FROM "consumed"
                   RETURNING "requestUriHash"
                 )`,
          sql: `INSERT INTO "auth"."RefreshToken" ("tokenHash", "familyId", "issuedAt", "expiresAt")
                SELECT $3::text, "requestUriHash", $2::timestamptz, $4::timestamptz FROM "family"
                RETURNING 1`,
          params: [codeHash, now, refreshToken.tokenHash, refreshToken.expiresAt, refreshToken.dpopJkt],
        },
        events,
      );
      return consumed === 1;
    },
  };
}

function jsonOrNone(value: Record<string, unknown> | null | undefined): Prisma.InputJsonObject | undefined {
  return (value ?? undefined) as Prisma.InputJsonObject | undefined;
}
