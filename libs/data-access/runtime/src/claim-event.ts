/** What every service schema's `ProcessedEvent` model offers through its Prisma client. */
export interface ProcessedEventDelegate {
  createMany(args: { data: { consumer: string; eventId: string }[]; skipDuplicates: true }): PromiseLike<{ count: number }>;
}

/**
 * Records that `consumer` handled `eventId`; false when it already had. Run it first in the
 * transaction of the handler's writes: a concurrent redelivery waits on the row, then skips.
 */
export async function claimEvent(processedEvent: ProcessedEventDelegate, consumer: string, eventId: string): Promise<boolean> {
  const { count } = await processedEvent.createMany({ data: [{ consumer, eventId }], skipDuplicates: true });
  return count === 1;
}
