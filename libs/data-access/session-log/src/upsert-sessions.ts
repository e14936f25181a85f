import type { RawSqlMethods } from '@issuer/data-access-runtime';
import type { NewSessionEvent, SessionRequestUpdate } from './timeline.js';

interface SessionRow {
  id: string;
  state: string;
  stateChangedAt: Date;
  issuanceId: string | null;
  grantType: string | null;
  credentialConfigurationIds: string[];
  userAgent?: string | null;
  walletName?: string | null;
  clientId?: string | null;
  dialect?: string | null;
  verboseCaptureUntil?: Date | null;
  createdAt: Date;
}

/** Before any event: a row a request creates ahead of its session's first event takes that event's state. */
const beforeAnyEvent = new Date(0);

/** One row per session: the latest event's state, and whatever the events said about the session. */
export function sessionRowsOf(events: NewSessionEvent[]): SessionRow[] {
  const rows = new Map<string, SessionRow>();
  for (const event of [...events].sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime())) {
    const update = event.session;
    const row = rows.get(update.sessionId);
    rows.set(update.sessionId, {
      id: update.sessionId,
      state: update.state,
      stateChangedAt: event.occurredAt,
      issuanceId: update.issuanceId ?? row?.issuanceId ?? null,
      grantType: update.grantType ?? row?.grantType ?? null,
      credentialConfigurationIds: update.credentialConfigurationIds?.length ? update.credentialConfigurationIds : (row?.credentialConfigurationIds ?? []),
      verboseCaptureUntil: update.verboseCaptureUntil ?? row?.verboseCaptureUntil ?? null,
      createdAt: row?.createdAt ?? event.occurredAt,
    });
  }
  return [...rows.values()];
}

/**
 * One row per session from its ingested requests: the latest failure (if any) as the state at its
 * time, and the latest clues about the wallet. A request that did not fail leaves the state alone.
 */
export function sessionRowsOfRequests(updates: SessionRequestUpdate[]): SessionRow[] {
  const rows = new Map<string, SessionRow>();
  for (const update of [...updates].sort((a, b) => a.time.getTime() - b.time.getTime())) {
    const row = rows.get(update.sessionId);
    const failed = update.failedState ? { state: update.failedState, stateChangedAt: update.time } : null;
    rows.set(update.sessionId, {
      id: update.sessionId,
      state: failed?.state ?? row?.state ?? 'unknown',
      stateChangedAt: failed?.stateChangedAt ?? row?.stateChangedAt ?? beforeAnyEvent,
      issuanceId: null,
      grantType: null,
      credentialConfigurationIds: [],
      userAgent: update.userAgent ?? row?.userAgent ?? null,
      walletName: update.walletName ?? row?.walletName ?? null,
      clientId: update.clientId ?? row?.clientId ?? null,
      dialect: update.dialect ?? row?.dialect ?? null,
      createdAt: row?.createdAt ?? update.time,
    });
  }
  return [...rows.values()];
}

const upsert = `
    INSERT INTO "session_log"."Session" AS s
      ("id", "issuanceId", "state", "stateChangedAt", "grantType", "credentialConfigurationIds",
       "userAgent", "walletName", "clientId", "dialect", "verboseCaptureUntil", "createdAt", "updatedAt")
    SELECT u."id", u."issuanceId", u."state", u."stateChangedAt", u."grantType", u."credentialConfigurationIds",
      u."userAgent", u."walletName", u."clientId", u."dialect", u."verboseCaptureUntil", u."createdAt", now()
    FROM jsonb_to_recordset($1::jsonb) AS u(
      "id" text, "issuanceId" text, "state" text, "stateChangedAt" timestamptz, "grantType" text,
      "credentialConfigurationIds" text[], "userAgent" text, "walletName" text, "clientId" text, "dialect" text,
      "verboseCaptureUntil" timestamptz, "createdAt" timestamptz)
    -- Rows locked in one order: concurrent upserts of the same sessions cannot deadlock.
    ORDER BY u."id"
    ON CONFLICT ("id") DO UPDATE SET
      "state" = CASE WHEN EXCLUDED."stateChangedAt" >= s."stateChangedAt" AND NOT s."state" IN (SELECT jsonb_array_elements_text($2::jsonb)) THEN EXCLUDED."state" ELSE s."state" END,
      "stateChangedAt" = CASE WHEN EXCLUDED."stateChangedAt" >= s."stateChangedAt" AND NOT s."state" IN (SELECT jsonb_array_elements_text($2::jsonb)) THEN EXCLUDED."stateChangedAt" ELSE s."stateChangedAt" END,
      "issuanceId" = COALESCE(EXCLUDED."issuanceId", s."issuanceId"),
      "grantType" = COALESCE(EXCLUDED."grantType", s."grantType"),
      "credentialConfigurationIds" = CASE WHEN cardinality(EXCLUDED."credentialConfigurationIds") > 0
        THEN EXCLUDED."credentialConfigurationIds" ELSE s."credentialConfigurationIds" END,
      "userAgent" = COALESCE(EXCLUDED."userAgent", s."userAgent"),
      "walletName" = COALESCE(EXCLUDED."walletName", s."walletName"),
      "clientId" = COALESCE(EXCLUDED."clientId", s."clientId"),
      "dialect" = COALESCE(EXCLUDED."dialect", s."dialect"),
      "verboseCaptureUntil" = COALESCE(EXCLUDED."verboseCaptureUntil", s."verboseCaptureUntil"),
      "createdAt" = LEAST(s."createdAt", EXCLUDED."createdAt"),
      "updatedAt" = now()
    RETURNING "id", "walletName", "userAgent", "clientId", "walletLabel"`;

/**
 * Inserts or updates all sessions with one statement. Events of different services arrive in no
 * particular order, so a session's state only moves to that of a later event, and never away from
 * one of `finalStates`; what an event leaves out (issuance id, grant type, configuration ids) keeps
 * its stored value.
 */
export async function upsertSessions(tx: Pick<RawSqlMethods, '$queryRawUnsafe'>, rows: SessionRow[], finalStates: string[] = []): Promise<StoredClues[]> {
  if (rows.length === 0) return [];
  return tx.$queryRawUnsafe<StoredClues[]>(upsert, JSON.stringify(rows), JSON.stringify(finalStates));
}


export interface StoredClues {
  id: string;
  walletName: string | null;
  userAgent: string | null;
  clientId: string | null;
  walletLabel: string | null;
}

/** Stores each session's wallet label where it changed; arrays, so that the planner joins through the primary key (see createOutboxStore). */
export async function updateWalletLabels(tx: Pick<RawSqlMethods, '$executeRawUnsafe'>, labels: Array<{ id: string; walletLabel: string }>): Promise<void> {
  if (labels.length === 0) return;
  await tx.$executeRawUnsafe(
    `UPDATE "session_log"."Session" AS s SET "walletLabel" = u."walletLabel"
     FROM unnest($1::text[], $2::text[]) AS u("id", "walletLabel")
     WHERE s."id" = u."id"`,
    labels.map(({ id }) => id),
    labels.map(({ walletLabel }) => walletLabel),
  );
}
