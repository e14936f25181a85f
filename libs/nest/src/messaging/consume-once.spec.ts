import { describe, expect, it } from '@jest/globals';
import type { KnownEnvelope } from '@issuer/contracts-events';
import { offerRetrieved } from './bus.contract.js';
import type { BusLogger } from './bus-logger.js';
import { consumeOnce } from './consume-once.js';
import { InProcessBus } from './in-process-bus.js';

const quietLog: BusLogger = { warn: () => {}, error: () => {} };

/** A consumer's processed-events table in memory, with the repository's markProcessed contract. */
class ProcessedEvents {
  readonly done = new Set<string>();

  async markProcessed(consumer: string, eventId: string, fn: () => Promise<void>): Promise<boolean> {
    const key = `${consumer}/${eventId}`;
    if (this.done.has(key)) return false;
    await fn();
    this.done.add(key);
    return true;
  }
}

describe('consumeOnce', () => {
  it('runs the handler once for an event delivered again under another msgId', async () => {
    const bus = new InProcessBus({ log: quietLog });
    const processed = new ProcessedEvents();
    const handled: string[] = [];
    await bus.subscribe(
      { durable: 'status', subjects: ['issuance.>'] },
      consumeOnce(processed, 'status', async (envelope: KnownEnvelope) => {
        handled.push(envelope.id);
      }),
    );
    const event = offerRetrieved('off-1');

    await bus.publish(event.type, event);
    await bus.publish(event.type, event, { msgId: 'republished-after-the-window' });
    await bus.drain();

    expect(handled).toEqual([event.id]);
    expect([...processed.done]).toEqual([`status/${event.id}`]);
    await bus.close();
  });

  it('records nothing when the handler throws, so the redelivery runs it again', async () => {
    const bus = new InProcessBus({ retryDelaysMs: [5], log: quietLog });
    const processed = new ProcessedEvents();
    let attempts = 0;
    await bus.subscribe(
      { durable: 'status', subjects: ['issuance.>'] },
      consumeOnce(processed.markProcessed.bind(processed), 'status', async () => {
        attempts += 1;
        if (attempts === 1) throw new Error('deadlock detected');
      }),
    );
    const event = offerRetrieved('off-1');

    await bus.publish(event.type, event);
    await bus.drain();

    expect(attempts).toBe(2);
    expect(processed.done.has(`status/${event.id}`)).toBe(true);
    expect(bus.deadLetters).toEqual([]);
    await bus.close();
  });

  it('keeps consumers apart: the same event is processed once by each', async () => {
    const processed = new ProcessedEvents();
    const handled: string[] = [];
    const event = offerRetrieved('off-1');
    const status = consumeOnce(processed, 'status', async () => {
      handled.push('status');
    });
    const timeline = consumeOnce(processed, 'timeline', async () => {
      handled.push('timeline');
    });

    for (const handler of [status, timeline, status, timeline]) await handler(event);

    expect(handled).toEqual(['status', 'timeline']);
  });
});
