import { changeWithOutbox, lookupBy, type Change, type OutgoingEvent, type RawSqlMethods } from '@issuer/data-access-runtime';
import type { Prisma, Issuance as IssuanceRow } from './generated/client.js';
import type { Issuance, IssuanceCredential, IssuanceCredentialStatus, IssuanceFilter, IssuancePage, IssuancePosition, NewIssuance, OfferPushOutcome, StatusMove, TxCodeSpec } from './issuance.js';

/** The offer schema's reads and writes, on the client or inside one transaction. */
export interface IssuanceStore {
  createIssuance(issuance: NewIssuance, events: OutgoingEvent[]): Promise<Issuance>;
  /**
   * The issuance of a session that may have one already, such as a wallet-initiated authorization
   * whose login form was posted twice at once: the stored one, new or not (null if it is gone); the
   * events are written only when it is new.
   */
  createIssuanceOfSession(issuance: NewIssuance, events: OutgoingEvent[]): Promise<Issuance | null>;
  findIssuance(id: string): Promise<Issuance | null>;
  findIssuanceBySessionId(sessionId: string): Promise<Issuance | null>;
  findIssuanceByOfferId(offerId: string): Promise<Issuance | null>;
  /** offer_sent → offer_received, once; the events are written either way. True when the status moved. */
  markOfferRetrieved(offerId: string, events: OutgoingEvent[]): Promise<boolean>;
  /** Moves the status only from one of `allowedFrom`; the events are written only when it moved. */
  updateStatus(sessionId: string, status: string, allowedFrom: string[], events?: OutgoingEvent[]): Promise<boolean>;
  /**
   * Applies many moves in their order, each only from one of its `allowedFrom`, in two statements
   * whatever their number: the statuses are read under a row lock, then the final ones written.
   * Run it inside a transaction (`markProcessedBatch`). Returns how many issuances changed.
   */
  moveStatuses(moves: ReadonlyArray<StatusMove>): Promise<number>;
  recordCredentialStatus(id: string, status: IssuanceCredentialStatus): Promise<void>;
  /** How pushing the offer went; nothing when the issuance is gone. */
  recordOfferPush(id: string, outcome: OfferPushOutcome): Promise<void>;
  /**
   * Replaces the credentials of a deferred issuance that is not denied, only if they are still
   * `expected` (so two operators cannot both supply the same claims); the events are written only then.
   */
  supplyClaims(id: string, expected: IssuanceCredential[], credentials: IssuanceCredential[], events: OutgoingEvent[]): Promise<boolean>;
  /** A deferred issuance in one of `allowedFrom` → issuance_denied with the operator's reason; the events only then. */
  denyIssuance(id: string, reason: string, allowedFrom: string[], events: OutgoingEvent[]): Promise<boolean>;
  /** Removes the issuance; the events are written only when it existed. */
  deleteIssuance(id: string, events: OutgoingEvent[]): Promise<boolean>;
  /** Newest first, those matching `filter` after `after`. */
  listIssuances(page: { limit: number; after?: IssuancePosition | null; filter?: IssuanceFilter }): Promise<IssuancePage>;
}

export function issuanceStore(client: Prisma.TransactionClient): IssuanceStore {
  const bySessionId = issuanceLookup(client, 'sessionId');
  const byOfferId = issuanceLookup(client, 'offerId');
  return {
    async createIssuance(issuance, events) {
      const createdAt = new Date();
      await changeWithOutbox(client, 'offer', insertIssuance(issuance, createdAt), events);
      return created(issuance, createdAt);
    },

    async createIssuanceOfSession(issuance, events) {
      const createdAt = new Date();
      if ((await changeWithOutbox(client, 'offer', insertIssuance(issuance, createdAt, 'ON CONFLICT ("sessionId") DO NOTHING'), events)) === 1) return created(issuance, createdAt);
      return findIssuanceBy(client, 'sessionId', issuance.sessionId);
    },

    findIssuance: (id) => findIssuanceBy(client, 'id', id),
    findIssuanceBySessionId: bySessionId,
    findIssuanceByOfferId: byOfferId,

    async markOfferRetrieved(offerId, events) {
      const moved = await changeWithOutbox(
        client,
        'offer',
        {
          sql: `UPDATE "offer"."Issuance" SET "status" = 'offer_received', "updatedAt" = now()
                WHERE "offerId" = $1 AND "status" = 'offer_sent'
                RETURNING 1`,
          params: [offerId],
        },
        events,
        { events: 'always' },
      );
      return moved === 1;
    },

    async updateStatus(sessionId, status, allowedFrom, events = []) {
      const moved = await changeWithOutbox(
        client,
        'offer',
        {
          sql: `UPDATE "offer"."Issuance" SET "status" = $2, "updatedAt" = now()
                WHERE "sessionId" = $1 AND "status" = ANY(ARRAY(SELECT jsonb_array_elements_text($3::jsonb)))
                RETURNING 1`,
          params: [sessionId, status, JSON.stringify(allowedFrom)],
        },
        events,
      );
      return moved === 1;
    },

    moveStatuses: (moves) => moveStatuses(client, moves),

    async recordCredentialStatus(id, credentialStatus) {
      await client.issuance.update({ where: { id }, data: { credentialStatus } });
    },

    async recordOfferPush(id, outcome) {
      await client.issuance.updateMany({ where: { id }, data: { pushState: outcome.state, pushStatusCode: outcome.statusCode, pushError: outcome.error, pushedAt: outcome.at } });
    },

    async supplyClaims(id, expected, credentials, events) {
      const moved = await changeWithOutbox(
        client,
        'offer',
        {
          sql: `UPDATE "offer"."Issuance" SET "credentials" = $3::jsonb, "updatedAt" = now()
                WHERE "id" = $1 AND "deferred" AND "status" <> 'issuance_denied' AND "credentials" = $2::jsonb
                RETURNING 1`,
          params: [id, JSON.stringify(expected), JSON.stringify(credentials)],
        },
        events,
      );
      return moved === 1;
    },

    async denyIssuance(id, reason, allowedFrom, events) {
      const moved = await changeWithOutbox(
        client,
        'offer',
        {
          sql: `UPDATE "offer"."Issuance" SET "status" = 'issuance_denied', "denialReason" = $2, "updatedAt" = now()
                WHERE "id" = $1 AND "deferred" AND "status" = ANY(ARRAY(SELECT jsonb_array_elements_text($3::jsonb)))
                RETURNING 1`,
          params: [id, reason, JSON.stringify(allowedFrom)],
        },
        events,
      );
      return moved === 1;
    },

    async deleteIssuance(id, events) {
      const deleted = await changeWithOutbox(client, 'offer', { sql: `DELETE FROM "offer"."Issuance" WHERE "id" = $1 RETURNING 1`, params: [id] }, events);
      return deleted === 1;
    },

    async listIssuances({ limit, after, filter = {} }) {
      const rows = await client.issuance.findMany({
        where: { AND: [whereFilter(filter), after ? { OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }] } : {}] },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take: limit + 1,
      });
      const items = rows.slice(0, limit).map(toIssuance);
      const last = items.at(-1);
      return { items, next: rows.length > limit && last ? { createdAt: last.createdAt, id: last.id } : null };
    },
  };
}

function whereFilter(filter: IssuanceFilter): Prisma.IssuanceWhereInput {
  return {
    ...(filter.status !== undefined && { status: filter.status }),
    ...(filter.grantType !== undefined && { grantType: filter.grantType }),
    ...(filter.sessionId !== undefined && { sessionId: filter.sessionId }),
    ...((filter.createdAfter ?? filter.createdBefore) && { createdAt: { ...(filter.createdAfter && { gte: filter.createdAfter }), ...(filter.createdBefore && { lt: filter.createdBefore }) } }),
    ...(filter.credentialConfigurationId !== undefined && { credentials: { array_contains: [{ credential_configuration_id: filter.credentialConfigurationId }] } }),
  };
}

function toIssuance(row: IssuanceRow): Issuance {
  return {
    ...row,
    credentials: row.credentials as unknown as IssuanceCredential[],
    txCodeSpec: row.txCodeSpec as TxCodeSpec | null,
    credentialOffer: row.credentialOffer as object,
    credentialStatus: row.credentialStatus as IssuanceCredentialStatus,
    testBehaviours: row.testBehaviours as Record<string, unknown> | null,
  };
}

/** Raw SQL rather than `findUnique`: the offer fetch and the claims command read an issuance in every flow (see directRawSql). */
/**
 * `IssuanceStore.moveStatuses` on any raw SQL client: the event consumers run it in a transaction
 * on the driver. Sessions are given as arrays (`= ANY`, `unnest`), which the planner joins through
 * the unique index; JSON sets were estimated at 100 rows and joined by scanning every issuance.
 */
export async function moveStatuses(client: Pick<RawSqlMethods, '$queryRawUnsafe' | '$executeRawUnsafe'>, moves: ReadonlyArray<StatusMove>): Promise<number> {
  if (moves.length === 0) return 0;
  const sessionIds = [...new Set(moves.map(({ sessionId }) => sessionId))];
  const rows = await client.$queryRawUnsafe<Array<{ sessionId: string; status: string }>>(
    // Locked in one order, so that replicas handling overlapping batches cannot deadlock.
    `SELECT "sessionId", "status" FROM "offer"."Issuance" WHERE "sessionId" = ANY($1::text[]) ORDER BY "sessionId" FOR UPDATE`,
    sessionIds,
  );
  const statuses = new Map(rows.map(({ sessionId, status }) => [sessionId, status]));
  const changed = new Map<string, string>();
  for (const { sessionId, status, allowedFrom } of moves) {
    const current = statuses.get(sessionId);
    if (current === undefined || !allowedFrom.includes(current)) continue;
    statuses.set(sessionId, status);
    changed.set(sessionId, status);
  }
  if (changed.size === 0) return 0;
  await client.$executeRawUnsafe(
    `UPDATE "offer"."Issuance" AS "i" SET "status" = "m"."status", "updatedAt" = now()
     FROM unnest($1::text[], $2::text[]) AS "m"("sessionId", "status")
     WHERE "i"."sessionId" = "m"."sessionId"`,
    [...changed.keys()],
    [...changed.values()],
  );
  return changed.size;
}

/** Every wallet request of a flow reads its issuance by one of these (see lookupBy). */
function issuanceLookup(client: Pick<RawSqlMethods, '$queryRawUnsafe'>, column: 'sessionId' | 'offerId'): (value: string) => Promise<Issuance | null> {
  const find = lookupBy<IssuanceRow>(client, { table: '"offer"."Issuance"', column });
  return async (value) => {
    const row = await find(value);
    return row ? toIssuance(row) : null;
  };
}

export async function findIssuanceBy(client: Pick<RawSqlMethods, '$queryRawUnsafe'>, column: 'id' | 'sessionId' | 'offerId', value: string): Promise<Issuance | null> {
  const [row] = await client.$queryRawUnsafe<IssuanceRow[]>(`SELECT * FROM "offer"."Issuance" WHERE "${column}" = $1`, value);
  return row ? toIssuance(row) : null;
}

function insertIssuance(issuance: NewIssuance, createdAt: Date, onConflict = ''): Change {
  return {
    sql: `INSERT INTO "offer"."Issuance"
            ("id", "sessionId", "offerId", "status", "credentials", "grantType", "txCodeSpec", "credentialOffer", "createdAt", "updatedAt", "offerExpiresAt", "compatibilityProfile", "deferred", "urlScheme", "testBehaviours", "pushEndpoint", "pushState")
          VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7::jsonb, $8::jsonb, $9, $9, $10, $11, $12, $13, $14::jsonb, $15, $16)
          ${onConflict}
          RETURNING 1`,
    params: [
      issuance.id,
      issuance.sessionId,
      issuance.offerId,
      issuance.status,
      JSON.stringify(issuance.credentials),
      issuance.grantType,
      issuance.txCodeSpec === null ? null : JSON.stringify(issuance.txCodeSpec),
      JSON.stringify(issuance.credentialOffer),
      createdAt,
      issuance.offerExpiresAt,
      issuance.compatibilityProfile ?? null,
      issuance.deferred ?? false,
      issuance.urlScheme ?? null,
      issuance.testBehaviours ? JSON.stringify(issuance.testBehaviours) : null,
      issuance.pushEndpoint ?? null,
      issuance.pushEndpoint ? 'pending' : null,
    ],
  };
}

function created(issuance: NewIssuance, createdAt: Date): Issuance {
  return {
    ...issuance,
    compatibilityProfile: issuance.compatibilityProfile ?? null,
    deferred: issuance.deferred ?? false,
    urlScheme: issuance.urlScheme ?? null,
    testBehaviours: issuance.testBehaviours ?? null,
    pushEndpoint: issuance.pushEndpoint ?? null,
    pushState: issuance.pushEndpoint ? 'pending' : null,
    pushStatusCode: null,
    pushError: null,
    pushedAt: null,
    denialReason: null,
    credentialStatus: 'operational',
    createdAt,
    updatedAt: createdAt,
  };
}
