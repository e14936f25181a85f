import type { RawSqlMethods } from '@issuer/data-access-runtime';
import type { Prisma, Session as SessionRow, TimelineEntry as TimelineEntryRow } from './generated/client.js';
import type {
  NewSessionEvent,
  NewTimelineEntry,
  Session,
  SessionEvent,
  SessionPage,
  SessionRequestUpdate,
  SessionTimeline,
  StoredWalletClues,
  TimelineEntry,
  UnassignedEntryQuery,
} from './timeline.js';
import { sessionRowsOf, sessionRowsOfRequests, updateWalletLabels, upsertSessions } from './upsert-sessions.js';

/** The session_log schema's reads and writes, on the client or inside one transaction. */
export interface SessionLogStore {
  /** One INSERT for any number of entries of any number of sessions (one transaction of several past ~5,900); returns how many were stored. */
  appendEntries(entries: NewTimelineEntry[]): Promise<number>;
  /** Stores the events not stored before and updates their sessions, in one transaction; returns how many were new. */
  recordEvents(events: NewSessionEvent[]): Promise<number>;
  /**
   * Updates the sessions of ingested requests (wallet clues, `failed_at_<step>` states) in one
   * transaction; a session in one of `finalStates` keeps it. `labelOf` names each session's wallet
   * from its stored clues.
   */
  recordRequests(updates: SessionRequestUpdate[], options: { labelOf: (clues: StoredWalletClues) => string; finalStates: string[] }): Promise<void>;
  /** Sets until when the session's timeline keeps verbose-only headers (null: off); false when no such session. */
  setVerboseCapture(sessionId: string, until: Date | null): Promise<boolean>;
  /** Of these sessions, those with verbose capture on at some time, and until when. */
  verboseCaptureOf(sessionIds: string[]): Promise<Map<string, Date>>;
  /** null when nothing at all is known about the session. */
  getSession(sessionId: string): Promise<SessionTimeline | null>;
  /** The entries one request wrote, in time order (empty when unknown). */
  getRequestEntries(requestId: string): Promise<TimelineEntry[]>;
  /** Requests tied to no session, newest first. */
  listUnassignedEntries(query: UnassignedEntryQuery): Promise<TimelineEntry[]>;
  /** The newest sessions with the entries that record their requests and responses, for comparing wallets. */
  listSessionsWithRequests(limit: number): Promise<Array<{ session: Session; entries: TimelineEntry[] }>>;
  /** Newest first. */
  listSessions(page: { limit: number; cursor?: string | null; state?: string | null }): Promise<SessionPage>;
}

const timelineColumns = ['sessionId', 'time', 'level', 'endpoint', 'message', 'data', 'traceId', 'spanId', 'clientId', 'ip', 'userAgent', 'requestId'];
// The extended query protocol counts a statement's parameters in 16 bits.
const maxEntriesPerInsert = Math.floor(65_535 / timelineColumns.length);

/** One multi-row INSERT: compiling a createMany of this size cost more CPU than storing it. */
async function insertEntries(client: Pick<RawSqlMethods, '$executeRawUnsafe'>, entries: NewTimelineEntry[]): Promise<number> {
  if (entries.length === 0) return 0;
  const values = entries.flatMap((entry) => [
    entry.sessionId ?? null,
    entry.time,
    entry.level,
    entry.endpoint ?? null,
    entry.message,
    entry.data === null || entry.data === undefined ? null : JSON.stringify(entry.data),
    entry.traceId ?? null,
    entry.spanId ?? null,
    entry.clientId ?? null,
    entry.ip ?? null,
    entry.userAgent ?? null,
    entry.requestId ?? null,
  ]);
  const rows = entries.map((_, row) => `(${timelineColumns.map((_, column) => `$${row * timelineColumns.length + column + 1}`).join(', ')})`);
  return client.$executeRawUnsafe(
    `INSERT INTO "session_log"."TimelineEntry" (${timelineColumns.map((column) => `"${column}"`).join(', ')}) VALUES ${rows.join(', ')}`,
    ...values,
  );
}

const insertEvents = `INSERT INTO "session_log"."SessionEvent" ("id", "sessionId", "type", "occurredAt", "data")
  SELECT "e"."id", "e"."sessionId", "e"."type", "e"."occurredAt", "e"."data"
  FROM jsonb_to_recordset($1::jsonb) AS "e"("id" text, "sessionId" text, "type" text, "occurredAt" timestamptz, "data" jsonb)
  ORDER BY "e"."id"
  ON CONFLICT DO NOTHING RETURNING "id"`;

// Asked for every batch of ingested entries: raw SQL, which the driver runs without the client.
const selectVerboseCapture = `SELECT "id", "verboseCaptureUntil" FROM "session_log"."Session"
  WHERE "id" = ANY($1::text[]) AND "verboseCaptureUntil" IS NOT NULL`;

/** Runs raw SQL writes in one transaction: on the driver, or inside an open Prisma transaction. */
type Atomically = <T>(fn: (tx: RawSqlMethods) => Promise<T>) => Promise<T>;

export function sessionLogStore(client: Prisma.TransactionClient, atomically: Atomically): SessionLogStore {
  return {
    async appendEntries(entries) {
      if (entries.length <= maxEntriesPerInsert) return insertEntries(client, entries);
      return atomically(async (tx) => {
        let count = 0;
        for (let start = 0; start < entries.length; start += maxEntriesPerInsert) {
          count += await insertEntries(tx, entries.slice(start, start + maxEntriesPerInsert));
        }
        return count;
      });
    },

    async recordEvents(events) {
      if (events.length === 0) return 0;
      return atomically(async (tx) => {
        const inserted = await tx.$queryRawUnsafe<Array<{ id: string }>>(insertEvents, JSON.stringify(events.map(({ id, sessionId, type, occurredAt, data }) => ({ id, sessionId, type, occurredAt, data }))));
        const insertedIds = new Set(inserted.map((row) => row.id));
        await upsertSessions(tx, sessionRowsOf(events.filter((event) => insertedIds.has(event.id))));
        return inserted.length;
      });
    },

    async recordRequests(updates, { labelOf, finalStates }) {
      if (updates.length === 0) return;
      await atomically(async (tx) => {
        const stored = await upsertSessions(tx, sessionRowsOfRequests(updates), finalStates);
        const labels = stored.map((row) => ({ id: row.id, walletLabel: labelOf(row), before: row.walletLabel }));
        await updateWalletLabels(tx, labels.filter((row) => row.walletLabel !== row.before).map(({ id, walletLabel }) => ({ id, walletLabel })));
      });
    },
    async setVerboseCapture(sessionId, until) {
      const { count } = await client.session.updateMany({ where: { id: sessionId }, data: { verboseCaptureUntil: until } });
      return count > 0;
    },
    async verboseCaptureOf(sessionIds) {
      if (sessionIds.length === 0) return new Map();
      const rows = await client.$queryRawUnsafe<Array<{ id: string; verboseCaptureUntil: Date }>>(selectVerboseCapture, sessionIds);
      return new Map(rows.map((row) => [row.id, row.verboseCaptureUntil]));
    },
    async getRequestEntries(requestId) {
      const rows = await client.timelineEntry.findMany({ where: { requestId }, orderBy: [{ time: 'asc' }, { id: 'asc' }] });
      return rows.map(toTimelineEntry);
    },
    async getSession(sessionId) {
      const [session, entries, events] = await Promise.all([
        client.session.findUnique({ where: { id: sessionId } }),
        client.timelineEntry.findMany({ where: { sessionId }, orderBy: [{ time: 'asc' }, { id: 'asc' }] }),
        client.sessionEvent.findMany({ where: { sessionId }, orderBy: [{ occurredAt: 'asc' }, { id: 'asc' }] }),
      ]);
      if (!session && entries.length === 0 && events.length === 0) return null;
      return { session: session ? toSession(session) : null, entries: entries.map(toTimelineEntry), events: events as SessionEvent[] };
    },

    async listUnassignedEntries({ clientId, ip, userAgent, from, to, limit }) {
      const rows = await client.timelineEntry.findMany({
        where: {
          sessionId: null,
          ...(clientId ? { clientId } : {}),
          ...(ip ? { ip } : {}),
          ...(userAgent ? { userAgent: { contains: userAgent, mode: 'insensitive' } } : {}),
          ...(from || to ? { time: { ...(from ? { gte: from } : {}), ...(to ? { lte: to } : {}) } } : {}),
        },
        orderBy: [{ time: 'desc' }, { id: 'desc' }],
        take: limit,
      });
      return rows.map(toTimelineEntry);
    },

    async listSessionsWithRequests(limit) {
      const sessions = await client.session.findMany({ orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: limit });
      if (sessions.length === 0) return [];
      const rows = await client.timelineEntry.findMany({
        where: { sessionId: { in: sessions.map((session) => session.id) }, OR: [{ message: { startsWith: 'Responded ' } }, { message: { endsWith: ' received' } }] },
        orderBy: [{ time: 'asc' }, { id: 'asc' }],
      });
      const bySession = new Map<string | null, TimelineEntry[]>();
      for (const entry of rows.map(toTimelineEntry)) bySession.set(entry.sessionId, [...(bySession.get(entry.sessionId) ?? []), entry]);
      return sessions.map((session) => ({ session: toSession(session), entries: bySession.get(session.id) ?? [] }));
    },
    async listSessions({ limit, cursor, state }) {
      const rows = await client.session.findMany({
        where: state ? { state } : {},
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take: limit + 1,
        ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
      });
      const items = rows.slice(0, limit).map(toSession);
      return { items, nextCursor: rows.length > limit ? (items.at(-1)?.id ?? null) : null };
    },
  };
}

function toSession(row: SessionRow): Session {
  return row;
}

function toTimelineEntry(row: TimelineEntryRow): TimelineEntry {
  return { ...row, id: row.id.toString(), data: row.data === null ? null : JSON.parse(row.data) };
}
