import type { OutboxRecord, OutboxStore } from '@issuer/contracts-events';
import type { EventBus } from './bus.js';
import { type BusLogger, defaultBusLogger } from './bus-logger.js';

export interface OutboxRelayOptions {
  /** Rows read, published and marked per round trip. */
  batchSize: number;
  /** Sweep period, for rows a kick missed (a crash after commit, the bus down). */
  intervalMs: number;
  log?: BusLogger;
}

/**
 * Publishes what a service committed to its outbox (ARCHITECTURE.md principle 7): in `createdAt`
 * order, with the envelope id as `Nats-Msg-Id`, marking rows published only after the bus took
 * them. A row the bus refused stays pending, and so do the rows after it, until a later pass.
 */
export class OutboxRelay {
  private readonly log: BusLogger;
  private timer: NodeJS.Timeout | undefined;
  private pass: Promise<void> | undefined;
  private kickedDuringPass = false;
  private stopped = false;

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

  /** Stops the sweep and waits for the batch in flight. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    this.timer = undefined;
    await this.pass;
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
        const rows = [...(await this.store.fetchPending(this.options.batchSize))].sort(byCreatedAt);
        const published = await this.publishInOrder(rows);
        await this.store.markPublished(published);
        if (published.length < rows.length || rows.length < this.options.batchSize || this.stopped) return;
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
