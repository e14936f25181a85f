import { type Envelope, type KnownEnvelope, type StreamLayout, type StreamLayoutOptions, parseEnvelope, streamLayout } from '@issuer/contracts-events';
import {
  type JetStreamClient,
  type JetStreamManager,
  type JsMsg,
  jetstream,
  jetstreamManager,
} from '@nats-io/jetstream';
import {
  type MsgHdrs,
  type NatsConnection,
  type NodeConnectionOptions,
  type Subscription as NatsSubscription,
  ClosedConnectionError,
  ConnectionError,
  DrainingConnectionError,
  RequestError,
  TimeoutError,
  connect,
  headers as natsHeaders,
} from '@nats-io/transport-node';
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
import { ensurePullConsumer, ensureStream } from './provision-jetstream.js';
import { eventPublished, messageIdsOf, withConsumerSpan, withProducerSpan } from './message-spans.js';

export interface JetStreamBusOptions extends StreamLayoutOptions {
  servers: string | string[];
  /** Connection name and command queue group: the replicas of one service share its commands. */
  serviceName: string;
  /** Credentials, TLS and the like. */
  connection?: Omit<NodeConnectionOptions, 'servers' | 'name' | 'maxReconnectAttempts' | 'waitOnFirstConnect'>;
  ackWaitMs?: number;
  /** Deliveries of one message to one consumer before it is dead-lettered. */
  maxDeliver?: number;
  /** Delay before the n-th redelivery after a handler failed; the last one repeats. */
  retryDelaysMs?: number[];
  commandTimeoutMs?: number;
  log?: BusLogger;
}

const deadLetterHeaders = {
  reason: 'Issuer-Dead-Letter-Reason',
  consumer: 'Issuer-Dead-Letter-Consumer',
  deliveries: 'Issuer-Dead-Letter-Deliveries',
  subject: 'Issuer-Dead-Letter-Subject',
} as const;

/** Events on JetStream (durable pull consumers, `Nats-Msg-Id` de-duplication), commands on core NATS request-reply. */
export class JetStreamBus implements MessageBus {
  private readonly subscriptions = new Set<Subscription>();
  private closing: Promise<void> | undefined;

  private constructor(
    private readonly nc: NatsConnection,
    private readonly js: JetStreamClient,
    private readonly jsm: JetStreamManager,
    private readonly layout: StreamLayout,
    private readonly options: Required<Pick<JetStreamBusOptions, 'serviceName' | 'ackWaitMs' | 'maxDeliver' | 'retryDelaysMs' | 'commandTimeoutMs'>>,
    private readonly log: BusLogger,
  ) {}

  /** Connects (waiting for the first server, reconnecting forever) and provisions the streams. */
  static async connect(options: JetStreamBusOptions): Promise<JetStreamBus> {
    const log = options.log ?? defaultBusLogger();
    const layout = streamLayout(options);
    const nc = await connect({
      ...options.connection,
      servers: options.servers,
      name: options.serviceName,
      maxReconnectAttempts: -1,
      waitOnFirstConnect: true,
    });
    try {
      const jsm = await jetstreamManager(nc);
      await ensureStream(jsm, layout.events);
      await ensureStream(jsm, layout.deadLetters);
      const bus = new JetStreamBus(
        nc,
        jetstream(nc),
        jsm,
        layout,
        {
          serviceName: options.serviceName,
          ackWaitMs: options.ackWaitMs ?? 30_000,
          maxDeliver: options.maxDeliver ?? 5,
          retryDelaysMs: options.retryDelaysMs ?? [1_000, 5_000, 15_000, 30_000],
          commandTimeoutMs: options.commandTimeoutMs ?? 5_000,
        },
        log,
      );
      void bus.watchConnection();
      return bus;
    } catch (error) {
      await nc.close();
      throw error;
    }
  }

  async publish(subject: string, envelope: Envelope, opts: PublishOptions = {}): Promise<void> {
    const ack = await withProducerSpan('publish', subject, envelope, (headers) =>
      this.js.publish(this.layout.wireSubject(subject), JSON.stringify(envelope), { msgID: opts.msgId ?? envelope.id, headers: toNatsHeaders(headers) }),
    );
    if (!ack.duplicate) eventPublished(envelope);
  }

  subscribe(consumer: DurableConsumer, handler: EventHandler): Promise<Subscription> {
    return this.subscribeBatch(consumer, async ([envelope]) => {
      if (envelope) await handler(envelope);
    }, { maxBatch: 1 });
  }

  async subscribeBatch(consumer: DurableConsumer, handler: BatchEventHandler, options: BatchOptions = {}): Promise<Subscription> {
    const maxBatch = options.maxBatch ?? 100;
    // NATS before 2.10 has no filter_subjects: such a consumer takes the whole stream and skips the rest here.
    const filterSubjects =
      consumer.subjects.length === 1 || this.supportsMultipleFilters() ? consumer.subjects : issuanceSubjectsOf(this.layout);
    await ensurePullConsumer(this.jsm, {
      stream: this.layout.events.name,
      durable: consumer.durable,
      filterSubjects: filterSubjects.map((subject) => this.layout.wireSubject(subject)),
      ackWaitMs: this.options.ackWaitMs,
      // One delivery beyond the handler's attempts, so a message whose last attempt crashed the
      // process, or whose dead-lettering failed, is delivered once more and dead-lettered then.
      maxDeliver: this.options.maxDeliver + 1,
      ...(consumer.inactiveThresholdMs !== undefined && { inactiveThresholdMs: consumer.inactiveThresholdMs }),
    });
    // Messages are pulled ahead into `waiting`; each handler call takes what has arrived, up to maxBatch.
    const waiting: JsMsg[] = [];
    let wake: (() => void) | undefined;
    let stopped = false;
    const messages = await (await this.js.consumers.get(this.layout.events.name, consumer.durable)).consume({
      max_messages: Math.max(maxBatch, 16),
      callback: (msg) => {
        waiting.push(msg);
        wake?.();
      },
    });
    const loop = (async () => {
      while (!stopped) {
        if (waiting.length === 0) await new Promise<void>((resolve) => (wake = resolve));
        else await this.process(consumer, waiting.splice(0, maxBatch), handler);
      }
    })().catch((error: unknown) => this.log.error({ consumer: consumer.durable, error: String(error) }, 'event consumer stopped'));
    const subscription: Subscription = {
      stop: async () => {
        this.subscriptions.delete(subscription);
        stopped = true;
        await messages.close();
        wake?.();
        await loop;
        for (const msg of waiting.splice(0)) msg.nak();
      },
    };
    this.subscriptions.add(subscription);
    return subscription;
  }

  async request<TRes>(subject: string, envelope: Envelope, opts: RequestOptions = {}): Promise<TRes> {
    const timeoutMs = opts.timeoutMs ?? this.options.commandTimeoutMs;
    try {
      const reply = await withProducerSpan('send', subject, envelope, (headers) =>
        this.nc.request(this.layout.wireSubject(subject), JSON.stringify(envelope), { timeout: timeoutMs, headers: toNatsHeaders(headers) }),
      );
      return readCommandReply<TRes>(subject, reply.string());
    } catch (error) {
      if (error instanceof TimeoutError) {
        throw new CommandError(subject, 'timeout', `no reply within ${timeoutMs} ms`, { cause: error });
      }
      if (error instanceof RequestError && error.isNoResponders()) {
        throw new CommandError(subject, 'no_responders', 'no service answers this command', { cause: error });
      }
      if (error instanceof RequestError || error instanceof ConnectionError || error instanceof ClosedConnectionError || error instanceof DrainingConnectionError) {
        throw new CommandError(subject, 'unreachable', `the message bus could not carry it: ${error.message}`, { cause: error });
      }
      throw error;
    }
  }

  async handle(subject: string, handler: CommandHandler): Promise<Subscription> {
    const inFlight = new Set<Promise<void>>();
    const sub: NatsSubscription = this.nc.subscribe(this.layout.wireSubject(subject), {
      queue: this.options.serviceName,
      callback: (error, msg) => {
        if (error) {
          this.log.error({ subject, error: error.message }, 'command subscription failed');
          return;
        }
        const payload = msg.string();
        const answering = withConsumerSpan(subject, [{ envelope: messageIdsOf(payload), headers: fromNatsHeaders(msg.headers) }], () => answerCommand(payload, handler))
          .then((reply) => void msg.respond(reply))
          .catch((cause: unknown) => this.log.error({ subject, error: String(cause) }, 'command reply failed'))
          .finally(() => inFlight.delete(answering));
        inFlight.add(answering);
      },
    });
    const subscription: Subscription = {
      stop: async () => {
        this.subscriptions.delete(subscription);
        if (!sub.isClosed()) await sub.drain();
        await Promise.all(inFlight);
      },
    };
    this.subscriptions.add(subscription);
    return subscription;
  }

  /** What consumers dead-lettered, oldest first, from the dead-letter stream. */
  async listDeadLetters(limit = 100): Promise<DeadLetter[]> {
    const { state } = await this.jsm.streams.info(this.layout.deadLetters.name);
    const letters: DeadLetter[] = [];
    if (state.messages === 0) return letters;
    for (let seq = state.first_seq; seq <= state.last_seq && letters.length < limit; seq++) {
      const stored = await this.jsm.streams.getMessage(this.layout.deadLetters.name, { seq });
      if (!stored) continue;
      letters.push({
        subject: stored.header.get(deadLetterHeaders.subject),
        consumer: stored.header.get(deadLetterHeaders.consumer),
        reason: stored.header.get(deadLetterHeaders.reason),
        deliveries: Number(stored.header.get(deadLetterHeaders.deliveries)),
        payload: stored.string(),
        deadLetteredAt: stored.time.toISOString(),
      });
    }
    return letters;
  }

  /** A round trip to the server; while NATS is unreachable the client queues it, so it fails after `timeoutMs`. */
  async ping(timeoutMs = 2_000): Promise<void> {
    if (this.closing || this.nc.isClosed()) throw new Error('the NATS connection is closed');
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`NATS did not answer within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      await Promise.race([this.nc.flush(), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Stops every consumer and command handler after the message in progress, then drains the connection. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
      if (!this.nc.isClosed()) await this.nc.drain();
    })();
    return this.closing;
  }

  private async process(consumer: DurableConsumer, msgs: JsMsg[], handler: BatchEventHandler): Promise<void> {
    const valid: Array<{ msg: JsMsg; subject: string; envelope: KnownEnvelope }> = [];
    for (const msg of msgs) {
      const subject = this.layout.logicalSubject(msg.subject) ?? msg.subject;
      const deliveries = msg.info.deliveryCount;
      if (!consumer.subjects.some((pattern) => matchSubject(pattern, subject))) {
        msg.ack();
      } else if (deliveries > this.options.maxDeliver) {
        await this.deadLetter(consumer, subject, msg, `gave up after ${deliveries - 1} deliveries`);
      } else {
        const parsed = parseEnvelope(msg.string());
        if (parsed.ok) valid.push({ msg, subject, envelope: parsed.envelope });
        else await this.deadLetter(consumer, subject, msg, parsed.error.message);
      }
    }
    const [first] = valid;
    if (!first) return;
    try {
      const messages = valid.map(({ msg, envelope }) => ({ envelope, headers: fromNatsHeaders(msg.headers) }));
      await withConsumerSpan(first.subject, messages, () => handler(valid.map(({ envelope }) => envelope)));
      for (const { msg } of valid) msg.ack();
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      for (const { msg, subject } of valid) {
        const deliveries = msg.info.deliveryCount;
        if (deliveries >= this.options.maxDeliver) {
          await this.deadLetter(consumer, subject, msg, reason);
          continue;
        }
        this.log.warn({ consumer: consumer.durable, subject, deliveries, reason }, 'event handler failed, redelivering');
        msg.nak(this.retryDelay(deliveries));
      }
    }
  }

  private async deadLetter(consumer: DurableConsumer, subject: string, msg: JsMsg, reason: string): Promise<void> {
    const deliveries = msg.info.deliveryCount;
    const hdrs = natsHeaders();
    for (const key of msg.headers?.keys() ?? []) {
      if (!key.startsWith('Nats-')) hdrs.set(key, msg.headers?.get(key) ?? '');
    }
    hdrs.set(deadLetterHeaders.subject, subject);
    hdrs.set(deadLetterHeaders.consumer, consumer.durable);
    hdrs.set(deadLetterHeaders.deliveries, String(deliveries));
    hdrs.set(deadLetterHeaders.reason, reason.replace(/[\r\n]+/g, ' ').slice(0, 1_000));
    try {
      await this.js.publish(this.layout.deadLetterSubject(subject), msg.data, {
        msgID: `${consumer.durable}:${msg.seq}`,
        headers: hdrs,
      });
      msg.ack();
      this.log.error({ consumer: consumer.durable, subject, deliveries, reason }, 'event dead-lettered');
    } catch (error) {
      this.log.error({ consumer: consumer.durable, subject, deliveries, reason, error: String(error) }, 'dead-lettering failed');
      msg.nak(this.retryDelay(deliveries));
    }
  }

  private retryDelay(deliveries: number): number {
    const delays = this.options.retryDelaysMs;
    return delays[Math.min(deliveries, delays.length) - 1] ?? 0;
  }

  private supportsMultipleFilters(): boolean {
    const [major = 0, minor = 0] = (this.nc.info?.version ?? '0.0').split('.').map(Number);
    return major > 2 || (major === 2 && minor >= 10);
  }

  private async watchConnection(): Promise<void> {
    for await (const status of this.nc.status()) {
      if (status.type === 'disconnect' || status.type === 'reconnect' || status.type === 'error') {
        this.log.warn({ service: this.options.serviceName, status: status.type }, 'nats connection status');
      }
    }
  }
}

function issuanceSubjectsOf(layout: StreamLayout): string[] {
  return layout.events.subjects.map((subject) => layout.logicalSubject(subject) ?? subject);
}

function toNatsHeaders(carrier: Record<string, string>): MsgHdrs {
  const hdrs = natsHeaders();
  for (const [key, value] of Object.entries(carrier)) hdrs.set(key, value);
  return hdrs;
}

function fromNatsHeaders(hdrs: MsgHdrs | undefined): Record<string, string> {
  const carrier: Record<string, string> = {};
  for (const key of hdrs?.keys() ?? []) carrier[key] = hdrs?.get(key) ?? '';
  return carrier;
}
