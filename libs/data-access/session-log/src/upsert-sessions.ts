import type { Prisma } from './generated/client.js';
import type { NewSessionEvent } from './timeline.js';

interface SessionRow {
  id: string;
  state: string;
  stateChangedAt: Date;
  issuanceId: string | null;
  grantType: string | null;
  credentialConfigurationIds: string[];
  createdAt: Date;
}

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
      createdAt: row?.createdAt ?? event.occurredAt,
    });
  }
  return [...rows.values()];
}

/**
 * Inserts or updates all sessions with one statement. Events of different services arrive in no
 * particular order, so a session's state only moves to that of a later event; what an event
 * leaves out (issuance id, grant type, configuration ids) keeps its stored value.
 */
export async function upsertSessions(tx: Prisma.TransactionClient, rows: SessionRow[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.$executeRaw`
    INSERT INTO "session_log"."Session" AS s
      ("id", "issuanceId", "state", "stateChangedAt", "grantType", "credentialConfigurationIds", "createdAt", "updatedAt")
    SELECT u."id", u."issuanceId", u."state", u."stateChangedAt", u."grantType", u."credentialConfigurationIds", u."createdAt", now()
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS u(
      "id" text, "issuanceId" text, "state" text, "stateChangedAt" timestamptz, "grantType" text,
      "credentialConfigurationIds" text[], "createdAt" timestamptz)
    ON CONFLICT ("id") DO UPDATE SET
      "state" = CASE WHEN EXCLUDED."stateChangedAt" >= s."stateChangedAt" THEN EXCLUDED."state" ELSE s."state" END,
      "stateChangedAt" = GREATEST(s."stateChangedAt", EXCLUDED."stateChangedAt"),
      "issuanceId" = COALESCE(EXCLUDED."issuanceId", s."issuanceId"),
      "grantType" = COALESCE(EXCLUDED."grantType", s."grantType"),
      "credentialConfigurationIds" = CASE WHEN cardinality(EXCLUDED."credentialConfigurationIds") > 0
        THEN EXCLUDED."credentialConfigurationIds" ELSE s."credentialConfigurationIds" END,
      "createdAt" = LEAST(s."createdAt", EXCLUDED."createdAt"),
      "updatedAt" = now()`;
}
