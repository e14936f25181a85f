import { describe, expect, it } from '@jest/globals';
import type { Envelope, KnownEnvelope, OutboxRecord, OutboxStore } from '@issuer/contracts-events';
import { offerRetrieved, waitFor } from './bus.contract.js';
import type { BusLogger } from './bus-logger.js';
import type { EventBus, PublishOptions } from './bus.js';
import { InProcessBus } from './in-process-bus.js';
import { OutboxRelay } from './outbox-relay.js';

const quietLog: BusLogger = { warn: () => {}, error: () => {} };

/** An outbox table in memory: rows stay pending until marked published. */
class MemoryOutbox implements OutboxStore {
  readonly rows: Array<OutboxRecord & { publishedAt: Date | null }> = [];
  readonly markedBatches: string[][] = [];
  fetches = 0;
  failNextMark = false;
  fetchGate: Promise<void> | undefined;

  add(envelope: Envelope, createdAt: Date): void {
    this.rows.push({ id: envelope.id, subject: envelope.type, envelope, createdAt, publishedAt: null });
  }

  pending(): string[] {
    return this.rows.filter((row) => row.publishedAt === null).map((row) => row.id);
  }

  async fetchPending(limit: number): Promise<OutboxRecord[]> {
    this.fetches += 1;
    await this.fetchGate;
    return this.rows
      .filter((row) => row.publishedAt === null)
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
      .slice(0, limit)
      .map(({ id, subject, envelope, createdAt }) => ({ id, subject, envelope, createdAt }));
  }

  async markPublished(ids: string[]): Promise<void> {
    if (this.failNextMark) {
      this.failNextMark = false;
      throw new Error('connection to Postgres lost');
    }
    this.markedBatches.push(ids);
    for (const row of this.rows) if (ids.includes(row.id)) row.publishedAt = new Date();
  }
}

/** The in-process bus behind a switch, to take it down and bring it back. */
class SwitchableBus implements EventBus {
  down = false;
  failOnlyFor: string | undefined;

  constructor(private readonly bus: InProcessBus) {}

  async publish(subject: string, envelope: Envelope, opts?: PublishOptions): Promise<void> {
    if (this.down || this.failOnlyFor === envelope.id) throw new Error('nats: connection refused');
    await this.bus.publish(subject, envelope, opts);
  }

  subscribe: EventBus['subscribe'] = (consumer, handler) => this.bus.subscribe(consumer, handler);
  subscribeBatch: EventBus['subscribeBatch'] = (consumer, handler, options) => this.bus.subscribeBatch(consumer, handler, options);
  ping = () => this.bus.ping();
  close = () => this.bus.close();
}

async function setUp() {
  const inProcess = new InProcessBus({ log: quietLog });
  const bus = new SwitchableBus(inProcess);
  const received: KnownEnvelope[] = [];
  await inProcess.subscribe({ durable: 'timeline', subjects: ['issuance.>'] }, async (envelope) => {
    received.push(envelope);
  });
  const outbox = new MemoryOutbox();
  const ids = () => received.map((envelope) => envelope.id);
  return { inProcess, bus, outbox, received, ids };
}

/** Rows whose createdAt order differs from their insertion order. */
function addRows(outbox: MemoryOutbox, count: number): string[] {
  const envelopes = Array.from({ length: count }, (_, index) => ({ envelope: offerRetrieved(`off-${index}`), at: new Date(Date.UTC(2025, 0, 1, 0, 0, index)) }));
  for (const { envelope, at } of [...envelopes].reverse()) outbox.add(envelope, at);
  return envelopes.map(({ envelope }) => envelope.id);
}

describe('OutboxRelay', () => {
  it('publishes pending rows on a kick in createdAt order, marking them published batch by batch', async () => {
    const { inProcess, bus, outbox, ids } = await setUp();
    const expected = addRows(outbox, 5);
    const relay = new OutboxRelay(outbox, bus, { batchSize: 2, intervalMs: 60_000, log: quietLog });

    await relay.kick();
    await inProcess.drain();

    expect(ids()).toEqual(expected);
    expect(outbox.markedBatches).toEqual([expected.slice(0, 2), expected.slice(2, 4), expected.slice(4)]);
    expect(outbox.pending()).toEqual([]);
    await relay.stop();
  });

  it('coalesces kicks that arrive during a pass into one more pass', async () => {
    const { inProcess, bus, outbox, ids } = await setUp();
    const [first] = addRows(outbox, 1);
    const relay = new OutboxRelay(outbox, bus, { batchSize: 10, intervalMs: 60_000, log: quietLog });

    await Promise.all([relay.kick(), relay.kick(), relay.kick(), relay.kick()]);
    await inProcess.drain();

    expect(outbox.fetches).toBe(2);
    expect(ids()).toEqual([first]);
    await relay.stop();
  });

  it('keeps rows pending while the bus is down and sends them, in order, once it is back', async () => {
    const { inProcess, bus, outbox, ids } = await setUp();
    const expected = addRows(outbox, 3);
    bus.down = true;
    const relay = new OutboxRelay(outbox, bus, { batchSize: 10, intervalMs: 20, log: quietLog });
    relay.start();

    await relay.kick();
    expect(outbox.pending().sort()).toEqual([...expected].sort());
    expect(outbox.markedBatches.flat()).toEqual([]);

    bus.down = false;
    await waitFor(() => outbox.pending().length === 0);
    await inProcess.drain();
    expect(ids()).toEqual(expected);
    await relay.stop();
  });

  it('stops a batch at the first row the bus refuses, so later rows never overtake it', async () => {
    const { inProcess, bus, outbox, ids } = await setUp();
    const expected = addRows(outbox, 3);
    bus.failOnlyFor = expected[1];
    const relay = new OutboxRelay(outbox, bus, { batchSize: 10, intervalMs: 60_000, log: quietLog });

    await relay.kick();
    expect(outbox.markedBatches).toEqual([[expected[0]]]);
    expect(outbox.pending().sort()).toEqual([expected[1], expected[2]].sort());

    bus.failOnlyFor = undefined;
    await relay.kick();
    await inProcess.drain();
    expect(ids()).toEqual(expected);
    await relay.stop();
  });

  it('publishes a row again when marking it failed, and the msgId keeps consumers from seeing it twice', async () => {
    const { inProcess, bus, outbox, ids } = await setUp();
    const expected = addRows(outbox, 2);
    outbox.failNextMark = true;
    const relay = new OutboxRelay(outbox, bus, { batchSize: 10, intervalMs: 60_000, log: quietLog });

    await relay.kick();
    expect(outbox.pending()).toHaveLength(2);
    await relay.kick();
    await inProcess.drain();

    expect(outbox.pending()).toEqual([]);
    expect(ids()).toEqual(expected);
    await relay.stop();
  });

  it('waits for the batch in flight when stopped, and sweeps no more afterwards', async () => {
    const { inProcess, bus, outbox, ids } = await setUp();
    const [first] = addRows(outbox, 1);
    let open: () => void = () => {};
    outbox.fetchGate = new Promise<void>((resolve) => {
      open = resolve;
    });
    const relay = new OutboxRelay(outbox, bus, { batchSize: 10, intervalMs: 10, log: quietLog });
    relay.start();

    let stopped = false;
    const stopping = relay.stop().then(() => {
      stopped = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(stopped).toBe(false);

    open();
    await stopping;
    await inProcess.drain();
    expect(ids()).toEqual([first]);

    outbox.fetchGate = undefined;
    const fetchesAtStop = outbox.fetches;
    addRows(outbox, 1);
    await relay.kick();
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(outbox.fetches).toBe(fetchesAtStop);
  });

  describe('publishCommitted', () => {
    /** Commits rows as a service does: the row first, then the event handed to the relay. */
    function commit(outbox: MemoryOutbox, count: number, from = 0) {
      return Array.from({ length: count }, (_, index) => {
        const envelope = offerRetrieved(`off-c${from + index}`);
        outbox.add(envelope, new Date());
        return { subject: envelope.type, envelope };
      });
    }

    it('publishes committed events in commit order without reading the outbox, and marks them in one statement', async () => {
      const { inProcess, bus, outbox, ids } = await setUp();
      const relay = new OutboxRelay(outbox, bus, { batchSize: 10, intervalMs: 60_000, markDelayMs: 5, log: quietLog });
      const events = commit(outbox, 5);

      await Promise.all(events.map((event) => relay.publishCommitted([event])));
      await inProcess.drain();
      expect(ids()).toEqual(events.map(({ envelope }) => envelope.id));

      await waitFor(() => outbox.pending().length === 0);
      expect(outbox.fetches).toBe(0);
      expect(outbox.markedBatches).toEqual([events.map(({ envelope }) => envelope.id)]);
      await relay.stop();
    });

    it('marks what it published when stopped, without waiting for the delay', async () => {
      const { bus, outbox } = await setUp();
      const relay = new OutboxRelay(outbox, bus, { batchSize: 10, intervalMs: 60_000, markDelayMs: 60_000, log: quietLog });
      const events = commit(outbox, 2);

      await relay.publishCommitted(events);
      expect(outbox.pending()).toHaveLength(2);
      await relay.stop();
      expect(outbox.pending()).toEqual([]);
    });

    it('leaves events the bus refused, and those behind them, to the sweep, which sends each once', async () => {
      const { inProcess, bus, outbox, ids } = await setUp();
      const relay = new OutboxRelay(outbox, bus, { batchSize: 10, intervalMs: 60_000, markDelayMs: 5, log: quietLog });
      const events = commit(outbox, 3);
      bus.failOnlyFor = events[1]?.envelope.id;

      await relay.publishCommitted(events);
      await waitFor(() => outbox.markedBatches.length === 1);
      expect(outbox.pending().sort()).toEqual([events[1]?.envelope.id, events[2]?.envelope.id].sort());

      bus.failOnlyFor = undefined;
      await relay.kick();
      await inProcess.drain();
      expect(ids()).toEqual(events.map(({ envelope }) => envelope.id));
      expect(outbox.pending()).toEqual([]);
      await relay.stop();
    });

    it('keeps the sweep off rows published directly and not yet marked, so none goes out twice', async () => {
      const { inProcess, bus, outbox, ids } = await setUp();
      const relay = new OutboxRelay(outbox, bus, { batchSize: 10, intervalMs: 60_000, markDelayMs: 5, log: quietLog });
      const events = commit(outbox, 4);

      await Promise.all([relay.publishCommitted(events), relay.kick()]);
      await relay.kick();
      await waitFor(() => outbox.pending().length === 0);
      await inProcess.drain();

      expect(ids()).toEqual(events.map(({ envelope }) => envelope.id));
      expect(outbox.markedBatches.flat().sort()).toEqual(events.map(({ envelope }) => envelope.id).sort());
      await relay.stop();
    });
  });
});
