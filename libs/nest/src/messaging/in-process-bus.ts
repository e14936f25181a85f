import { type Envelope, type KnownEnvelope, issuanceStream, parseEnvelope } from '@issuer/contracts-events';
import type {
  BatchEventHandler,
  BatchOptions,
  CommandHandler,
  DeadLetter,
  DurableConsumer,
  EventHandler,
  MessageBus,
  PublishOptions,
  RequestOptions,
  Subscription,
} from './bus.js';
import { type BusLogger, defaultBusLogger } from './bus-logger.js';
import { CommandError } from './command-error.js';
import { answerCommand, readCommandReply } from './command-reply.js';
import { matchSubject } from './match-subject.js';
import { eventPublished, messageIdsOf, withConsumerSpan, withProducerSpan } from './message-spans.js';

export interface InProcessBusOptions {
  /** Deliveries of one message to one consumer before it is dead-lettered. */
  maxDeliver?: number;
  /** Delay before the n-th redelivery; the last one repeats. */
  retryDelaysMs?: number[];
  duplicateWindowMs?: number;
  /** Events kept for durable consumers that subscribe later, as a stream keeps them (oldest dropped first). */
  retainEvents?: number;
  commandTimeoutMs?: number;
  log?: BusLogger;
}

interface Delivery {
  subject: string;
  payload: string;
  /** W3C trace context of the message's producer span. */
  headers: Record<string, string>;
  deliveries: number;
}

interface Durable {
  name: string;
  subjects: string[];
  queue: Delivery[];
  handler: BatchEventHandler | undefined;
  maxBatch: number;
  inFlight: Promise<void> | undefined;
}

/**
 * The bus of the embedded platform: JetStream's delivery contract in memory. Each durable consumer
 * gets every matching event at least once, in order, asynchronously; a handler that throws is retried
 * with backoff, then the message is dead-lettered; a durable that is stopped keeps its backlog.
 */
export class InProcessBus implements MessageBus {
  readonly deadLetters: DeadLetter[] = [];

  private readonly maxDeliver: number;
  private readonly retryDelaysMs: number[];
  private readonly duplicateWindowMs: number;
  private readonly retainEvents: number;
  private readonly commandTimeoutMs: number;
  private readonly log: BusLogger;
  private readonly durables = new Map<string, Durable>();
  private readonly retained: Array<Omit<Delivery, 'deliveries'>> = [];
  private readonly seenMsgIds = new Map<string, number>();
  private readonly commandHandlers = new Map<string, CommandHandler[]>();
  private readonly retryTimers = new Set<NodeJS.Timeout>();
  private idleWaiters: Array<() => void> = [];
  private nextResponder = 0;
  private closed = false;

  constructor(options: InProcessBusOptions = {}) {
    this.maxDeliver = options.maxDeliver ?? 5;
    this.retryDelaysMs = options.retryDelaysMs ?? [50, 250, 1_000, 5_000];
    this.duplicateWindowMs = options.duplicateWindowMs ?? issuanceStream.duplicateWindowMs;
    this.retainEvents = options.retainEvents ?? 10_000;
    this.commandTimeoutMs = options.commandTimeoutMs ?? 5_000;
    this.log = options.log ?? defaultBusLogger();
  }

  async publish(subject: string, envelope: Envelope, opts: PublishOptions = {}): Promise<void> {
    this.assertOpen();
    if (!issuanceStream.subjects.some((pattern) => matchSubject(pattern, subject))) {
      throw new Error(`No stream takes subject ${subject}`);
    }
    if (this.isDuplicate(opts.msgId ?? envelope.id)) return;

    const payload = JSON.stringify(envelope);
    await withProducerSpan('publish', subject, envelope, async (headers) => {
      this.retained.push({ subject, payload, headers });
      if (this.retained.length > this.retainEvents) this.retained.shift();
      for (const durable of this.durables.values()) {
        if (durable.subjects.some((pattern) => matchSubject(pattern, subject))) {
          durable.queue.push({ subject, payload, headers, deliveries: 0 });
          this.schedule(durable);
        }
      }
    });
    eventPublished(envelope);
  }

  subscribe(consumer: DurableConsumer, handler: EventHandler): Promise<Subscription> {
    return this.subscribeBatch(consumer, async ([envelope]) => {
      if (envelope) await handler(envelope);
    }, { maxBatch: 1 });
  }

  async subscribeBatch(consumer: DurableConsumer, handler: BatchEventHandler, options: BatchOptions = {}): Promise<Subscription> {
    this.assertOpen();
    const durable = this.durables.get(consumer.durable) ?? this.createDurable(consumer);
    if (durable.handler) {
      throw new Error(`Durable consumer ${consumer.durable} is already subscribed in this process`);
    }
    durable.subjects = consumer.subjects;
    durable.handler = handler;
    durable.maxBatch = options.maxBatch ?? 100;
    this.durables.set(durable.name, durable);
    this.schedule(durable);
    return {
      stop: async () => {
        if (durable.handler === handler) durable.handler = undefined;
        await durable.inFlight;
        this.notifyIfIdle();
      },
    };
  }

  async request<TRes>(subject: string, envelope: Envelope, opts: RequestOptions = {}): Promise<TRes> {
    this.assertOpen();
    const handlers = this.commandHandlers.get(subject) ?? [];
    const handler = handlers[this.nextResponder++ % Math.max(handlers.length, 1)];
    if (!handler) throw new CommandError(subject, 'no_responders', 'no handler is registered');

    const payload = JSON.stringify(envelope);
    const timeoutMs = opts.timeoutMs ?? this.commandTimeoutMs;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new CommandError(subject, 'timeout', `no reply within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      const reply = await withProducerSpan('send', subject, envelope, (headers) =>
        Promise.race([withConsumerSpan(subject, [{ envelope, headers }], () => answerCommand(payload, handler)), timeout]),
      );
      return readCommandReply<TRes>(subject, reply);
    } finally {
      clearTimeout(timer);
    }
  }

  async handle(subject: string, handler: CommandHandler): Promise<Subscription> {
    this.assertOpen();
    this.commandHandlers.set(subject, [...(this.commandHandlers.get(subject) ?? []), handler]);
    return {
      stop: async () => {
        this.commandHandlers.set(subject, (this.commandHandlers.get(subject) ?? []).filter((h) => h !== handler));
      },
    };
  }

  async listDeadLetters(): Promise<DeadLetter[]> {
    return [...this.deadLetters];
  }

  /** Resolves once every delivery to a subscribed consumer, retries included, has run. */
  async drain(): Promise<void> {
    if (this.isIdle()) return;
    await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
  }

  async ping(): Promise<void> {
    this.assertOpen();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const timer of this.retryTimers) clearTimeout(timer);
    this.retryTimers.clear();
    for (const durable of this.durables.values()) durable.handler = undefined;
    await Promise.all([...this.durables.values()].map((durable) => durable.inFlight));
    this.commandHandlers.clear();
    this.notifyIfIdle();
  }

  /** A new durable consumer starts at the oldest retained event, as JetStream's `deliver_policy: all`. */
  private createDurable(consumer: DurableConsumer): Durable {
    const queue = this.retained
      .filter(({ subject }) => consumer.subjects.some((pattern) => matchSubject(pattern, subject)))
      .map((event) => ({ ...event, deliveries: 0 }));
    return { name: consumer.durable, subjects: consumer.subjects, queue, handler: undefined, maxBatch: 1, inFlight: undefined };
  }

  private schedule(durable: Durable): void {
    if (durable.inFlight || !durable.handler || durable.queue.length === 0) return;
    durable.inFlight = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => this.run(durable))
      .catch((error: unknown) => this.log.error({ consumer: durable.name, error: String(error) }, 'event consumer failed'))
      .finally(() => {
        durable.inFlight = undefined;
        this.schedule(durable);
        this.notifyIfIdle();
      });
  }

  private async run(durable: Durable): Promise<void> {
    for (let handler = durable.handler; handler && durable.queue.length > 0; handler = durable.handler) {
      await this.deliver(durable, handler, durable.queue.splice(0, durable.maxBatch));
    }
  }

  private async deliver(durable: Durable, handler: BatchEventHandler, deliveries: Delivery[]): Promise<void> {
    const valid: Array<{ delivery: Delivery; envelope: KnownEnvelope }> = [];
    for (const delivery of deliveries) {
      delivery.deliveries += 1;
      const parsed = parseEnvelope(delivery.payload);
      if (parsed.ok) valid.push({ delivery, envelope: parsed.envelope });
      else this.deadLetter(durable, delivery, parsed.error.message);
    }
    const [first] = valid;
    if (!first) return;
    try {
      const messages = valid.map(({ delivery }) => ({ envelope: messageIdsOf(delivery.payload), headers: delivery.headers }));
      await withConsumerSpan(first.delivery.subject, messages, () => handler(valid.map(({ envelope }) => envelope)));
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      for (const { delivery } of valid) {
        if (delivery.deliveries >= this.maxDeliver) {
          this.deadLetter(durable, delivery, reason);
          continue;
        }
        this.log.warn(
          { consumer: durable.name, subject: delivery.subject, deliveries: delivery.deliveries, reason },
          'event handler failed, redelivering',
        );
        this.redeliverLater(durable, delivery);
      }
    }
  }

  private redeliverLater(durable: Durable, delivery: Delivery): void {
    const delay = this.retryDelaysMs[Math.min(delivery.deliveries, this.retryDelaysMs.length) - 1] ?? 0;
    const timer = setTimeout(() => {
      this.retryTimers.delete(timer);
      durable.queue.push(delivery);
      this.schedule(durable);
      this.notifyIfIdle();
    }, delay);
    this.retryTimers.add(timer);
  }

  private deadLetter(durable: Durable, delivery: Delivery, reason: string): void {
    const letter: DeadLetter = {
      subject: delivery.subject,
      consumer: durable.name,
      reason,
      deliveries: delivery.deliveries,
      payload: delivery.payload,
      deadLetteredAt: new Date().toISOString(),
    };
    this.deadLetters.push(letter);
    this.log.error({ consumer: durable.name, subject: delivery.subject, deliveries: delivery.deliveries, reason }, 'event dead-lettered');
  }

  private isDuplicate(msgId: string): boolean {
    const now = Date.now();
    for (const [id, expiresAt] of this.seenMsgIds) {
      if (expiresAt > now) break;
      this.seenMsgIds.delete(id);
    }
    if (this.seenMsgIds.has(msgId)) return true;
    this.seenMsgIds.set(msgId, now + this.duplicateWindowMs);
    return false;
  }

  private isIdle(): boolean {
    if (this.retryTimers.size > 0) return false;
    for (const durable of this.durables.values()) {
      if (durable.inFlight || (durable.handler && durable.queue.length > 0)) return false;
    }
    return true;
  }

  private notifyIfIdle(): void {
    if (!this.isIdle()) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('The bus is closed');
  }
}
