import {
  AckPolicy,
  type ConsumerConfig,
  DeliverPolicy,
  type JetStreamManager,
  JetStreamApiCodes,
  JetStreamApiError,
  RetentionPolicy,
  StorageType,
  type StreamConfig,
} from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';

export interface StreamSpec {
  name: string;
  subjects: string[];
  duplicateWindowMs?: number;
}

export interface PullConsumerSpec {
  stream: string;
  durable: string;
  /** One subject or wildcard for `filter_subject`, several for `filter_subjects` (NATS 2.10+). */
  filterSubjects: string[];
  ackWaitMs: number;
  maxDeliver: number;
  inactiveThresholdMs?: number;
}

/** Creates the stream, or brings an existing one to this configuration; safe to run from every replica. */
export async function ensureStream(jsm: JetStreamManager, spec: StreamSpec): Promise<void> {
  const changeable: Partial<StreamConfig> = {
    subjects: spec.subjects,
    ...(spec.duplicateWindowMs === undefined ? {} : { duplicate_window: nanos(spec.duplicateWindowMs) }),
  };
  if (await exists(() => jsm.streams.info(spec.name), JetStreamApiCodes.StreamNotFound)) {
    await jsm.streams.update(spec.name, changeable);
    return;
  }
  await jsm.streams.add({ ...changeable, name: spec.name, storage: StorageType.File, retention: RetentionPolicy.Limits });
}

/** Creates the durable pull consumer, or updates what may change on an existing one. */
export async function ensurePullConsumer(jsm: JetStreamManager, spec: PullConsumerSpec): Promise<void> {
  const [single, ...more] = spec.filterSubjects;
  const filter: Partial<ConsumerConfig> = more.length === 0 && single !== undefined
    ? { filter_subject: single }
    : { filter_subjects: spec.filterSubjects };
  const changeable: Partial<ConsumerConfig> = {
    ...filter,
    ack_wait: nanos(spec.ackWaitMs),
    max_deliver: spec.maxDeliver,
    ...(spec.inactiveThresholdMs !== undefined && { inactive_threshold: nanos(spec.inactiveThresholdMs) }),
  };
  if (await exists(() => jsm.consumers.info(spec.stream, spec.durable), JetStreamApiCodes.ConsumerNotFound)) {
    await jsm.consumers.update(spec.stream, spec.durable, changeable);
    return;
  }
  await jsm.consumers.add(spec.stream, {
    ...changeable,
    durable_name: spec.durable,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
  });
}

async function exists(info: () => Promise<unknown>, notFoundCode: number): Promise<boolean> {
  try {
    await info();
    return true;
  } catch (error) {
    if (error instanceof JetStreamApiError && error.code === notFoundCode) return false;
    throw error;
  }
}
