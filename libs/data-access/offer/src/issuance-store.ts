import { toOutboxRows, type OutgoingEvent } from '@issuer/data-access-runtime';
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

type Atomically = <T>(fn: (tx: Prisma.TransactionClient) => Promise<T>) => Promise<T>;

export function issuanceStore(client: Prisma.TransactionClient, atomically: Atomically): IssuanceStore {
  return {
    async createIssuance(issuance, events) {
      const data = {
        ...issuance,
        credentials: issuance.credentials as unknown as Prisma.InputJsonArray,
        txCodeSpec: (issuance.txCodeSpec ?? undefined) as Prisma.InputJsonObject | undefined,
        credentialOffer: issuance.credentialOffer as Prisma.InputJsonObject,
      };
      if (events.length === 0) return toIssuance(await client.issuance.create({ data }));
      const row = await atomically(async (tx) => {
        const created = await tx.issuance.create({ data });
        await tx.outboxEvent.createMany({ data: toOutboxRows(events) });
        return created;
      });
      return toIssuance(row);
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
      const receive = (tx: Prisma.TransactionClient) =>
        tx.issuance.updateMany({ where: { offerId, status: 'offer_sent' }, data: { status: 'offer_received' } });
      if (events.length === 0) return (await receive(client)).count === 1;
      return atomically(async (tx) => {
        const { count } = await receive(tx);
        await tx.outboxEvent.createMany({ data: toOutboxRows(events) });
        return count === 1;
      });
    },

    async updateStatus(sessionId, status, allowedFrom, events = []) {
      const move = (tx: Prisma.TransactionClient) =>
        tx.issuance.updateMany({ where: { sessionId, status: { in: allowedFrom } }, data: { status } });
      if (events.length === 0) return (await move(client)).count === 1;
      return atomically(async (tx) => {
        const { count } = await move(tx);
        if (count === 1) await tx.outboxEvent.createMany({ data: toOutboxRows(events) });
        return count === 1;
      });
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
