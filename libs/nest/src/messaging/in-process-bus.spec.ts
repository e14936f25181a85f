import { describe, expect, it } from '@jest/globals';
import { busContract, contractMaxDeliver, offerRetrieved } from './bus.contract.js';
import type { BusLogger } from './bus-logger.js';
import { InProcessBus } from './in-process-bus.js';

function capturingLog() {
  const entries: Array<{ level: 'warn' | 'error'; message: string; data: object }> = [];
  const log: BusLogger = {
    warn: (data, message) => entries.push({ level: 'warn', message, data }),
    error: (data, message) => entries.push({ level: 'error', message, data }),
  };
  return { log, entries };
}

busContract('InProcessBus', async () => {
  const bus = new InProcessBus({ maxDeliver: contractMaxDeliver, retryDelaysMs: [20, 40], log: capturingLog().log });
  return {
    bus,
    reconnect: async () => bus,
    deadLetters: () => bus.listDeadLetters(),
    dispose: () => bus.close(),
  };
});

describe('InProcessBus', () => {
  it('returns from publish before any handler runs; drain() waits for the deliveries', async () => {
    const bus = new InProcessBus({ log: capturingLog().log });
    const handled: string[] = [];
    await bus.subscribe({ durable: 'a', subjects: ['issuance.>'] }, async (envelope) => {
      handled.push(envelope.id);
    });
    const event = offerRetrieved('off-1');

    await bus.publish(event.type, event);
    expect(handled).toEqual([]);

    await bus.drain();
    expect(handled).toEqual([event.id]);
    await bus.close();
  });

  it('drain() waits for redeliveries and dead-lettering too, and logs both', async () => {
    const { log, entries } = capturingLog();
    const bus = new InProcessBus({ maxDeliver: 2, retryDelaysMs: [30], log });
    let attempts = 0;
    await bus.subscribe({ durable: 'failing', subjects: ['issuance.offer.retrieved'] }, async () => {
      attempts += 1;
      throw new Error('refused');
    });
    const event = offerRetrieved('off-1');

    await bus.publish(event.type, event);
    await bus.drain();

    expect(attempts).toBe(2);
    expect(bus.deadLetters).toEqual([
      expect.objectContaining({ subject: 'issuance.offer.retrieved', consumer: 'failing', reason: 'refused', deliveries: 2 }),
    ]);
    expect(entries.map(({ level, message }) => `${level}: ${message}`)).toEqual([
      'warn: event handler failed, redelivering',
      'error: event dead-lettered',
    ]);
    await bus.close();
  });

  it('takes a msgId again once the duplicate window has passed', async () => {
    const bus = new InProcessBus({ duplicateWindowMs: 30, log: capturingLog().log });
    const handled: string[] = [];
    await bus.subscribe({ durable: 'a', subjects: ['issuance.>'] }, async (envelope) => {
      handled.push(envelope.id);
    });
    const event = offerRetrieved('off-1');

    await bus.publish(event.type, event);
    await bus.publish(event.type, event);
    await new Promise((resolve) => setTimeout(resolve, 40));
    await bus.publish(event.type, event);
    await bus.drain();

    expect(handled).toEqual([event.id, event.id]);
    await bus.close();
  });

  it('keeps only the newest events for durable consumers that subscribe later', async () => {
    const bus = new InProcessBus({ retainEvents: 2, log: capturingLog().log });
    const events = ['off-1', 'off-2', 'off-3'].map(offerRetrieved);
    for (const event of events) await bus.publish(event.type, event);
    const handled: string[] = [];

    await bus.subscribe({ durable: 'late', subjects: ['issuance.>'] }, async (envelope) => {
      handled.push(envelope.id);
    });
    await bus.drain();

    expect(handled).toEqual([events[1]?.id, events[2]?.id]);
    await bus.close();
  });

  it('refuses a subject no stream takes, as JetStream does', async () => {
    const bus = new InProcessBus({ log: capturingLog().log });
    const event = offerRetrieved('off-1');
    await expect(bus.publish('offers.retrieved', event)).rejects.toThrow('No stream takes subject offers.retrieved');
    await bus.close();
  });

  it('refuses a second subscription to a durable consumer that is already subscribed', async () => {
    const bus = new InProcessBus({ log: capturingLog().log });
    await bus.subscribe({ durable: 'a', subjects: ['issuance.>'] }, async () => {});
    await expect(bus.subscribe({ durable: 'a', subjects: ['issuance.>'] }, async () => {})).rejects.toThrow(
      'Durable consumer a is already subscribed in this process',
    );
    await bus.close();
  });

  it('waits for the handler in progress when a subscription stops, then refuses to publish once closed', async () => {
    const bus = new InProcessBus({ log: capturingLog().log });
    let finished = false;
    const subscription = await bus.subscribe({ durable: 'slow', subjects: ['issuance.>'] }, async () => {
      await new Promise((resolve) => setTimeout(resolve, 50));
      finished = true;
    });
    const event = offerRetrieved('off-1');
    await bus.publish(event.type, event);
    await new Promise((resolve) => setImmediate(resolve));

    await subscription.stop();
    expect(finished).toBe(true);

    await bus.close();
    await expect(bus.publish(event.type, event)).rejects.toThrow('The bus is closed');
  });
});
