import pg from 'pg';
import type { SoakFlowOutcome } from './soak-flow.js';
import { sleep } from './supervised-process.js';

export interface SoakAudit {
  /** Key proofs with more than one credential (must be none). */
  proofsIssuedTwice: number;
  /** Sessions whose credential_issued events on the timeline differ from the credentials recorded (must be none). */
  sessionsWithLostEvents: string[];
  /** Outbox rows never published, per schema (must be none). */
  unpublishedOutbox: Record<string, number>;
  /** Completed flows whose issuance record does not show the credential (must be none). */
  statusNotUpdated: string[];
  /** Completed flows without a single request entry on their timeline (must be none). */
  sessionsWithoutRequestEntries: string[];
  credentialsRecorded: number;
}

const OUTBOX_SCHEMAS = ['offer', 'auth', 'credential', 'deferred', 'session_log'];
const NOT_ISSUED = new Set(['offer_sent', 'offer_received', 'credential_deferred']);
const SETTLE_MS = 60_000;

/** After the faults: what the platform stored agrees with what the wallets saw, once the outboxes and consumers caught up. */
export async function auditSoak(databaseUrl: string, outcomes: SoakFlowOutcome[]): Promise<SoakAudit> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const completed = outcomes.filter((outcome) => outcome.result === 'completed');
    const deadline = Date.now() + SETTLE_MS;
    let audit = await readAudit(client, completed);
    while (!settled(audit) && Date.now() < deadline) {
      await sleep(1000);
      audit = await readAudit(client, completed);
    }
    return audit;
  } finally {
    await client.end();
  }
}

function settled(audit: SoakAudit): boolean {
  return audit.sessionsWithLostEvents.length === 0 && audit.sessionsWithoutRequestEntries.length === 0 && Object.values(audit.unpublishedOutbox).every((count) => count === 0) && audit.statusNotUpdated.length === 0;
}

async function readAudit(client: pg.Client, completed: SoakFlowOutcome[]): Promise<SoakAudit> {
  const rows = async <T>(sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows as T[];
  const count = async (sql: string) => ((await rows<{ count: number }>(sql))[0]?.count ?? 0);
  const proofsIssuedTwice = await count(
    `SELECT count(*)::int AS count FROM (SELECT 1 FROM credential."IssuedCredential" WHERE "proofHash" IS NOT NULL GROUP BY "proofHash" HAVING count(*) > 1) AS twice`,
  );
  const credentialsRecorded = await count(`SELECT count(*)::int AS count FROM credential."IssuedCredential"`);
  const lost = await rows<{ sessionId: string }>(
    `SELECT coalesce(i."sessionId", e."sessionId") AS "sessionId"
     FROM (SELECT "sessionId", count(DISTINCT "notificationId")::int AS n FROM credential."IssuedCredential" GROUP BY 1) AS i
     FULL JOIN (SELECT "sessionId", count(*)::int AS n FROM session_log."SessionEvent" WHERE type = 'credential_issued' GROUP BY 1) AS e
       ON e."sessionId" = i."sessionId"
     WHERE i.n IS DISTINCT FROM e.n`,
  );
  const unpublishedOutbox: Record<string, number> = {};
  for (const schema of OUTBOX_SCHEMAS) {
    unpublishedOutbox[schema] = await count(`SELECT count(*)::int AS count FROM ${schema}."OutboxEvent" WHERE "publishedAt" IS NULL`);
  }
  const ids = completed.map((outcome) => outcome.issuanceId);
  const statuses = await rows<{ id: string; status: string }>(`SELECT id, status FROM offer."Issuance" WHERE id = ANY($1::text[])`, [ids]);
  const statusOf = new Map(statuses.map((row) => [row.id, row.status]));
  const sessions = completed.map((outcome) => outcome.sessionId);
  const withEntries = await rows<{ sessionId: string }>(`SELECT DISTINCT "sessionId" FROM session_log."TimelineEntry" WHERE "sessionId" = ANY($1::text[])`, [sessions]);
  const logged = new Set(withEntries.map((row) => row.sessionId));
  return {
    proofsIssuedTwice,
    sessionsWithLostEvents: lost.map((row) => row.sessionId),
    unpublishedOutbox,
    statusNotUpdated: completed.filter((outcome) => NOT_ISSUED.has(statusOf.get(outcome.issuanceId!) ?? 'offer_sent')).map((outcome) => outcome.issuanceId!),
    sessionsWithoutRequestEntries: completed.filter((outcome) => !logged.has(outcome.sessionId!)).map((outcome) => outcome.sessionId!),
    credentialsRecorded,
  };
}
