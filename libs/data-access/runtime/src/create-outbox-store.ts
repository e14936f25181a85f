import type { Envelope, OutboxRecord, OutboxStore } from '@issuer/contracts-events';

/** What every service schema's `OutboxEvent` model offers through its Prisma client. */
export interface OutboxEventDelegate {
  findMany(args: { where: { publishedAt: null }; orderBy: { createdAt: 'asc' }; take: number }): PromiseLike<
    { id: string; subject: string; envelope: unknown; createdAt: Date }[]
  >;
  updateMany(args: { where: { id: { in: string[] } }; data: { publishedAt: Date } }): PromiseLike<{ count: number }>;
}

export function createOutboxStore(outboxEvent: OutboxEventDelegate): OutboxStore {
  return {
    async fetchPending(limit: number): Promise<OutboxRecord[]> {
      const rows = await outboxEvent.findMany({ where: { publishedAt: null }, orderBy: { createdAt: 'asc' }, take: limit });
      return rows.map(({ id, subject, envelope, createdAt }) => ({ id, subject, envelope: envelope as Envelope, createdAt }));
    },
    async markPublished(ids: string[]): Promise<void> {
      if (ids.length === 0) return;
      await outboxEvent.updateMany({ where: { id: { in: ids } }, data: { publishedAt: new Date() } });
    },
  };
}
