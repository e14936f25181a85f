import type { RawSqlMethods } from '@issuer/data-access-runtime';
import type { Prisma, WebhookDelivery as WebhookDeliveryRow, Webhook as WebhookRow } from './generated/client.js';
import type { ClaimedWebhookDelivery, NewWebhook, NewWebhookDelivery, Webhook, WebhookAttemptResult, WebhookDelivery, WebhookDeliveryState } from './webhook.js';

/** Webhooks and their deliveries, on the client or inside one transaction. */
export interface WebhookStore {
  createWebhook(webhook: NewWebhook): Promise<Webhook>;
  listWebhooks(): Promise<Webhook[]>;
  findWebhook(id: string): Promise<Webhook | null>;
  /** Removes the webhook and its deliveries; false when there was none. */
  deleteWebhook(id: string): Promise<boolean>;
  /** One row per (webhook, event); a delivery recorded before is left as it is. Due at once. */
  recordWebhookDeliveries(deliveries: NewWebhookDelivery[]): Promise<number>;
  /** Newest first. */
  listWebhookDeliveries(webhookId: string, limit: number): Promise<WebhookDelivery[]>;
  /**
   * Takes up to `limit` due deliveries for one attempt each: the attempt is counted and the delivery
   * leased for `leaseSeconds` in one statement, rows other workers hold skipped, so no two workers
   * send the same attempt. A lease that runs out (a worker died) makes the delivery due again.
   */
  claimDueWebhookDeliveries(limit: number, leaseSeconds: number): Promise<ClaimedWebhookDelivery[]>;
  /** Records an attempt's outcome, unless the delivery was claimed again since (its lease ran out). */
  recordWebhookAttempt(result: WebhookAttemptResult): Promise<boolean>;
}

export function webhookStore(client: Prisma.TransactionClient): WebhookStore {
  return {
    async createWebhook(webhook) {
      return toWebhook(await client.webhook.create({ data: { ...webhook, events: webhook.events } }));
    },

    listWebhooks: () => listWebhooks(client),

    async findWebhook(id) {
      const row = await client.webhook.findUnique({ where: { id } });
      return row ? toWebhook(row) : null;
    },

    async deleteWebhook(id) {
      const { count } = await client.webhook.deleteMany({ where: { id } });
      return count === 1;
    },

    recordWebhookDeliveries: (deliveries) => recordWebhookDeliveries(client, deliveries),

    async listWebhookDeliveries(webhookId, limit) {
      const rows = await client.webhookDelivery.findMany({ where: { webhookId }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: limit });
      return rows.map(toDelivery);
    },

    async claimDueWebhookDeliveries(limit, leaseSeconds) {
      const rows = await client.$queryRawUnsafe<Array<{ id: string; eventId: string; body: string; attempts: number; url: string; secret: string }>>(
        `UPDATE "offer"."WebhookDelivery" AS "d"
            SET "attempts" = "d"."attempts" + 1, "lastAttemptAt" = now(), "nextAttemptAt" = now() + make_interval(secs => $2::double precision)
           FROM "offer"."Webhook" AS "w"
          WHERE "w"."id" = "d"."webhookId"
            AND "d"."id" IN (SELECT "id" FROM "offer"."WebhookDelivery"
                              WHERE "state" = 'pending' AND "nextAttemptAt" <= now()
                              ORDER BY "nextAttemptAt" LIMIT $1
                              FOR UPDATE SKIP LOCKED)
        RETURNING "d"."id", "d"."eventId", "d"."body", "d"."attempts", "w"."url", "w"."secret"`,
        limit,
        leaseSeconds,
      );
      return rows.map(({ attempts, ...row }) => ({ ...row, attempt: attempts }));
    },

    async recordWebhookAttempt({ id, attempt, delivered, statusCode, error, retryInSeconds }) {
      const state: WebhookDeliveryState = delivered ? 'delivered' : retryInSeconds === null ? 'failed' : 'pending';
      const changed = await client.$executeRawUnsafe(
        `UPDATE "offer"."WebhookDelivery"
            SET "state" = $3, "lastStatusCode" = $4, "lastError" = $5,
                "nextAttemptAt" = CASE WHEN $6::double precision IS NULL THEN NULL ELSE now() + make_interval(secs => $6::double precision) END
          WHERE "id" = $1 AND "attempts" = $2 AND "state" = 'pending'`,
        id,
        attempt,
        state,
        statusCode,
        error,
        retryInSeconds,
      );
      return changed === 1;
    },
  };
}

// Raw SQL, on any client: the event consumers run these in a transaction on the driver, before and after every batch.

export async function listWebhooks(client: Pick<RawSqlMethods, '$queryRawUnsafe'>): Promise<Webhook[]> {
  const rows = await client.$queryRawUnsafe<WebhookRow[]>(`SELECT "id", "url", "events", "description", "secret", "createdAt" FROM "offer"."Webhook" ORDER BY "createdAt", "id"`);
  return rows.map(toWebhook);
}

export async function recordWebhookDeliveries(client: Pick<RawSqlMethods, '$executeRawUnsafe'>, deliveries: NewWebhookDelivery[]): Promise<number> {
  if (deliveries.length === 0) return 0;
  return client.$executeRawUnsafe(
    `INSERT INTO "offer"."WebhookDelivery" ("id", "webhookId", "eventId", "eventType", "body", "nextAttemptAt")
     SELECT "d"."id", "d"."webhookId", "d"."eventId", "d"."eventType", "d"."body", $2::timestamptz
     FROM jsonb_to_recordset($1::jsonb) AS "d"("id" text, "webhookId" text, "eventId" text, "eventType" text, "body" text)
     ORDER BY "d"."webhookId", "d"."eventId"
     ON CONFLICT DO NOTHING`,
    JSON.stringify(deliveries.map(({ id, webhookId, eventId, eventType, body }) => ({ id, webhookId, eventId, eventType, body }))),
    new Date(),
  );
}

function toWebhook(row: WebhookRow): Webhook {
  return { ...row, events: row.events as string[] };
}

function toDelivery({ body: _body, ...row }: WebhookDeliveryRow): WebhookDelivery {
  return { ...row, state: row.state as WebhookDeliveryState };
}
