import type { Envelope, KnownEnvelope } from '@issuer/contracts-events';

export interface PublishOptions {
  /** De-duplication key (JetStream `Nats-Msg-Id`); defaults to the envelope id. */
  msgId?: string;
}

export interface DurableConsumer {
  /** Durable name: the position in the stream survives restarts and is shared by replicas. */
  durable: string;
  /** Subjects or NATS wildcards (`issuance.credential.*`, `issuance.>`). */
  subjects: string[];
  /** A consumer of one process only: removed by the server after this long without the process (JetStream `inactive_threshold`). */
  inactiveThresholdMs?: number;
}

/** Receives envelopes already validated against their schema; throwing asks for a redelivery. */
export type EventHandler = (envelope: KnownEnvelope) => Promise<void>;

/** Receives validated envelopes in delivery order; throwing asks for a redelivery of all of them. */
export type BatchEventHandler = (envelopes: KnownEnvelope[]) => Promise<void>;

export interface BatchOptions {
  /** Most envelopes per handler call; default 100. */
  maxBatch?: number;
}

export type CommandHandler = (envelope: KnownEnvelope) => Promise<unknown>;

export interface Subscription {
  /** Stops taking messages and waits for the one in progress. */
  stop(): Promise<void>;
}

export interface EventBus {
  publish(subject: string, envelope: Envelope, opts?: PublishOptions): Promise<void>;
  subscribe(consumer: DurableConsumer, handler: EventHandler): Promise<Subscription>;
  /** As `subscribe`, with what is waiting for the consumer handed over together; the trace is the first envelope's. */
  subscribeBatch(consumer: DurableConsumer, handler: BatchEventHandler, options?: BatchOptions): Promise<Subscription>;
  /** Resolves while the bus carries messages; rejects once it is closed or its server does not answer (readiness). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface RequestOptions {
  timeoutMs?: number;
}

export interface CommandBus {
  request<TRes>(subject: string, envelope: Envelope, opts?: RequestOptions): Promise<TRes>;
  handle(subject: string, handler: CommandHandler): Promise<Subscription>;
}

export type MessageBus = EventBus & CommandBus;

/** A message a consumer gave up on: invalid, or failing on every delivery. */
export interface DeadLetter {
  subject: string;
  consumer: string;
  reason: string;
  deliveries: number;
  /** The message as it travelled, which may not even be JSON. */
  payload: string;
  deadLetteredAt: string;
}
