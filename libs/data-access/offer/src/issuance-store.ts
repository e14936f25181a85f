import { changeWithOutbox, type OutgoingEvent } from '@issuer/data-access-runtime';
import type { Prisma, Issuance as IssuanceRow } from './generated/client.js';
import type { Issuance, IssuanceCredential, IssuancePage, NewIssuance, TxCodeSpec } from './issuance.js';

/** The offer schema's reads and writes, on the client or inside one transaction. */
export interface IssuanceStore {
  createIssuance(issuance: NewIssuance, events: OutgoingEvent[]): Promise<Issuance>;
  findIssuance(id: string): Promise<Issuance | null>;
  findIssuanceBySessionId(sessionId: string): Promise<Issuance | null>;
  findIssuanceByOfferId(offerId: string): Promise<Issuance | null>;
  /** offer_sent → offer_received, once; the events are written either way. True when the status moved. */
  markOfferRetrieved(offerId: string, events: OutgoingEvent[]): Promise<boolean>;
  /** Moves the status only from one of `allowedFrom`; the events are written only when it moved. */
  updateStatus(sessionId: string, status: string, allowedFrom: string[], events?: OutgoingEvent[]): Promise<boolean>;
  /** Newest first. */
  listIssuances(page: { limit: number; cursor?: string | null }): Promise<IssuancePage>;
}

export function issuanceStore(client: Prisma.TransactionClient): IssuanceStore {
  return {
    async createIssuance(issuance, events) {
      const createdAt = new Date();
      await changeWithOutbox(
        client,
        'offer',
        {
          sql: `INSERT INTO "offer"."Issuance"
                  ("id", "sessionId", "offerId", "status", "credentials", "grantType", "txCodeSpec", "credentialOffer", "createdAt", "updatedAt", "offerExpiresAt", "compatibilityProfile")
                VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7::jsonb, $8::jsonb, $9, $9, $10, $11)
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
          ],
        },
        events,
      );
      return { ...issuance, compatibilityProfile: issuance.compatibilityProfile ?? null, createdAt, updatedAt: createdAt };
    },

    async findIssuance(id) {
      return toIssuanceOrNull(await client.issuance.findUnique({ where: { id } }));
    },

    async findIssuanceBySessionId(sessionId) {
      return toIssuanceOrNull(await client.issuance.findUnique({ where: { sessionId } }));
    },

    async findIssuanceByOfferId(offerId) {
      return toIssuanceOrNull(await client.issuance.findUnique({ where: { offerId } }));
    },

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
                WHERE "sessionId" = $1 AND "status" IN (SELECT jsonb_array_elements_text($3::jsonb))
                RETURNING 1`,
          params: [sessionId, status, JSON.stringify(allowedFrom)],
        },
        events,
      );
      return moved === 1;
    },

    async listIssuances({ limit, cursor }) {
      const rows = await client.issuance.findMany({
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take: limit + 1,
        ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
      });
      const items = rows.slice(0, limit).map(toIssuance);
      return { items, nextCursor: rows.length > limit ? (items.at(-1)?.id ?? null) : null };
    },
  };
}

function toIssuance(row: IssuanceRow): Issuance {
  return {
    ...row,
    credentials: row.credentials as unknown as IssuanceCredential[],
    txCodeSpec: row.txCodeSpec as TxCodeSpec | null,
    credentialOffer: row.credentialOffer as object,
  };
}

function toIssuanceOrNull(row: IssuanceRow | null): Issuance | null {
  return row ? toIssuance(row) : null;
}
