import type { Envelope, OutboxRecord, OutboxStore } from '@issuer/contracts-events';
import type { EventBus } from './bus.js';
import { type BusLogger, defaultBusLogger } from './bus-logger.js';

export interface OutboxRelayOptions {
  /** Rows read, published and marked per round trip. */
  batchSize: number;
  /** Sweep period, for rows a kick missed (a crash after commit, the bus down). */
  intervalMs: number;
  /** How long rows published by `publishCommitted` wait to be marked, so one statement marks many. */
  markDelayMs?: number;
  log?: BusLogger;
}

/** An event whose outbox row has just been committed. */
export interface CommittedEvent {
  subject: string;
  envelope: Envelope;
}

/**
 * Publishes what a service committed to its outbox (ARCHITECTURE.md principle 7), with the envelope
 * id as `Nats-Msg-Id`, marking rows published only after the bus took them.
 *
 * The service hands the events it just committed to `publishCommitted`: they go out in commit order
 * without reading them back, and the rows are marked in one statement per batch. The sweep reads
 * what that missed (a crash after commit, the bus down) in `createdAt` order; a row the bus refused
 * stays pending, and so do the rows after it, until a later pass.
 */
export class OutboxRelay {
  private readonly log: BusLogger;
  private timer: NodeJS.Timeout | undefined;
  private pass: Promise<void> | undefined;
  private kickedDuringPass = false;
  private stopped = false;
  /** Committed events not yet published, in commit order. */
  private readonly committed: OutboxRecord[] = [];
  /** Ids handed to `publishCommitted` and not yet marked: the sweep leaves them alone. */
  private readonly inFlight = new Set<string>();
  private direct: Promise<void> | undefined;
  /** Published by `publishCommitted`, to be marked by the next flush. */
  private readonly toMark: string[] = [];
  private markTimer: NodeJS.Timeout | undefined;
  private marking: Promise<void> | undefined;

  constructor(
    private readonly store: OutboxStore,
    private readonly bus: EventBus,
    private readonly options: OutboxRelayOptions,
  ) {
    this.log = options.log ?? defaultBusLogger();
  }

  /** Starts the sweep and publishes what is already pending. */
  start(): void {
    if (this.timer || this.stopped) return;
    this.timer = setInterval(() => void this.kick(), this.options.intervalMs);
    this.timer.unref();
    void this.kick();
  }

  /**
   * Publishes pending rows now; call it after a commit. Kicks during a pass coalesce into one more
   * pass. Resolves when the rows pending at the kick were handled; never rejects.
   */
  kick(): Promise<void> {
    if (this.stopped) return this.pass ?? Promise.resolve();
    if (this.pass) {
      this.kickedDuringPass = true;
      return this.pass;
    }
    this.pass = this.runPasses().finally(() => {
      this.pass = undefined;
    });
    return this.pass;
  }

  /**
   * Publishes events whose outbox rows were just committed, without reading them back. Never
   * rejects: what the bus refuses is left pending for the sweep.
   */
  publishCommitted(events: readonly CommittedEvent[]): Promise<void> {
    const createdAt = new Date();
    for (const { subject, envelope } of events) {
      this.committed.push({ id: envelope.id, subject, envelope, createdAt });
      this.inFlight.add(envelope.id);
    }
    this.direct ??= this.publishCommittedInOrder().finally(() => {
      this.direct = undefined;
    });
    return this.direct;
  }

  /** Stops the sweep, waits for the batches in flight and marks what they published. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    this.timer = undefined;
    await Promise.all([this.pass, this.direct]);
    await this.flushMarks();
  }

  private async publishCommittedInOrder(): Promise<void> {
    while (this.committed.length > 0) {
      const batch = this.committed.splice(0, this.committed.length);
      const published = await this.publishInOrder(batch);
      this.toMark.push(...published);
      this.markTimer ??= setTimeout(() => void this.flushMarks(), this.options.markDelayMs ?? 20);
      if (published.length < batch.length) {
        // The bus refused one: this batch's rest and what queued behind it wait for the sweep.
        for (const row of [...batch.slice(published.length), ...this.committed.splice(0)]) this.inFlight.delete(row.id);
        return;
      }
    }
  }

  private async flushMarks(): Promise<void> {
    clearTimeout(this.markTimer);
    this.markTimer = undefined;
    await this.marking;
    const ids = this.toMark.splice(0);
    if (ids.length === 0) return;
    this.marking = this.store
      .markPublished(ids)
      .catch((error: unknown) => {
        this.log.error({ error: String(error) }, 'marking outbox rows published failed; the sweep publishes them again');
      })
      .finally(() => {
        for (const id of ids) this.inFlight.delete(id);
        this.marking = undefined;
      });
    await this.marking;
  }

  private async runPasses(): Promise<void> {
    do {
      this.kickedDuringPass = false;
      await this.publishPending();
    } while (this.kickedDuringPass && !this.stopped);
  }

  private async publishPending(): Promise<void> {
    try {
      for (;;) {
        const fetched = await this.store.fetchPending(this.options.batchSize);
        const rows = fetched.filter((row) => !this.inFlight.has(row.id)).sort(byCreatedAt);
        const published = await this.publishInOrder(rows);
        await this.store.markPublished(published);
        if (rows.length === 0 || published.length < rows.length || fetched.length < this.options.batchSize || this.stopped) return;
      }
    } catch (error) {
      this.log.error({ error: String(error) }, 'outbox relay pass failed; pending rows wait for the next pass');
    }
  }

  private async publishInOrder(rows: OutboxRecord[]): Promise<string[]> {
    const published: string[] = [];
    for (const row of rows) {
      try {
        await this.bus.publish(row.subject, row.envelope, { msgId: row.envelope.id });
      } catch (error) {
        this.log.warn({ outboxId: row.id, subject: row.subject, error: String(error) }, 'outbox publish failed; retrying later');
        break;
      }
      published.push(row.id);
    }
    return published;
  }
}

function byCreatedAt(a: OutboxRecord, b: OutboxRecord): number {
  return a.createdAt.getTime() - b.createdAt.getTime();
}
