import type { Envelope } from '@issuer/contracts-events';

/**
 * A consumer repository's idempotency record: runs `fn` and records `eventId` for `consumer` in one
 * transaction, or returns false without running it when that event was already processed.
 */
export type MarkProcessed = (consumer: string, eventId: string, fn: () => Promise<void>) => Promise<boolean>;

/**
 * Wraps an event handler so a redelivered event (at-least-once delivery) is acknowledged without
 * running it again. A handler that throws records nothing and is redelivered.
 */
export function consumeOnce<E extends Envelope>(
  repository: MarkProcessed | { markProcessed: MarkProcessed },
  consumerName: string,
  handler: (envelope: E) => Promise<void>,
): (envelope: E) => Promise<void> {
  const markProcessed: MarkProcessed =
    typeof repository === 'function' ? repository : (consumer, eventId, fn) => repository.markProcessed(consumer, eventId, fn);
  return async (envelope) => {
    await markProcessed(consumerName, envelope.id, () => handler(envelope));
  };
}
