import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AckPolicy, jetstreamManager, StorageType } from '@nats-io/jetstream';
import { connect, type NatsConnection, nanos } from '@nats-io/transport-node';
import { busContract, contractMaxDeliver, offerRetrieved, waitFor } from './bus.contract.js';
import type { BusLogger } from './bus-logger.js';
import { JetStreamBus, type JetStreamBusOptions } from './jetstream-bus.js';

const natsUrl = process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222';
const run = randomUUID().slice(0, 8);
let namespaces = 0;

const quietLog: BusLogger = { warn: () => {}, error: () => {} };

// NATS with JetStream runs wherever the tests run (.ci/run starts it): an unreachable server fails them.

function namespaceOptions(): JetStreamBusOptions {
  const namespace = `${run}_${++namespaces}`;
  return {
    servers: natsUrl,
    serviceName: `test-${namespace}`,
    streamName: `TEST_${namespace}`,
    subjectPrefix: `test-${namespace}.`,
    ackWaitMs: 1_000,
    maxDeliver: contractMaxDeliver,
    retryDelaysMs: [50, 100],
    commandTimeoutMs: 2_000,
    log: quietLog,
  };
}

describe('JetStreamBus', () => {
  let admin: NatsConnection;

  beforeAll(async () => {
    admin = await connect({ servers: natsUrl, maxReconnectAttempts: 0, timeout: 2_000 }).catch((error: unknown) => {
      throw new Error(`NATS is unreachable at ${natsUrl} (${String(error)}): start nats-server with -js`);
    });
  });

  afterAll(async () => {
    await admin?.close();
  });

  async function deleteStreams(options: JetStreamBusOptions): Promise<void> {
    const jsm = await jetstreamManager(admin);
    for (const name of [options.streamName, `${options.streamName}_DLQ`]) {
      await jsm.streams.delete(name ?? '').catch(() => false);
    }
  }

  busContract('JetStreamBus', async () => {
    const options = namespaceOptions();
    const buses = [await JetStreamBus.connect(options)];
    const [bus] = buses as [JetStreamBus];
    return {
      bus,
      reconnect: async () => {
        const again = await JetStreamBus.connect(options);
        buses.push(again);
        return again;
      },
      deadLetters: () => bus.listDeadLetters(),
      dispose: async () => {
        await Promise.all(buses.map((each) => each.close()));
        await deleteStreams(options);
      },
    };
  });

  it('provisions the stream, its dead-letter stream and durable pull consumers, idempotently', async () => {
    const options = namespaceOptions();
    const first = await JetStreamBus.connect(options);
    const second = await JetStreamBus.connect(options);
    try {
      await first.subscribe({ durable: 'status', subjects: ['issuance.credential.*'] }, async () => {});
      await second.subscribe({ durable: 'status', subjects: ['issuance.credential.*'] }, async () => {});

      const jsm = await jetstreamManager(admin);
      const stream = await jsm.streams.info(options.streamName ?? '');
      expect(stream.config).toMatchObject({
        subjects: [`${options.subjectPrefix}issuance.>`],
        storage: StorageType.File,
        duplicate_window: nanos(120_000),
      });
      const deadLetters = await jsm.streams.info(`${options.streamName}_DLQ`);
      expect(deadLetters.config.subjects).toEqual([`${options.subjectPrefix}dlq.issuance.>`]);
      const consumer = await jsm.consumers.info(options.streamName ?? '', 'status');
      expect(consumer.config).toMatchObject({
        durable_name: 'status',
        filter_subject: `${options.subjectPrefix}issuance.credential.*`,
        ack_policy: AckPolicy.Explicit,
        ack_wait: nanos(1_000),
        max_deliver: contractMaxDeliver + 1,
      });
    } finally {
      await Promise.all([first.close(), second.close()]);
      await deleteStreams(options);
    }
  });

  it('gives a consumer of one process an inactive threshold, so that the server drops it once the process is gone', async () => {
    const options = namespaceOptions();
    const bus = await JetStreamBus.connect(options);
    try {
      await bus.subscribe({ durable: 'one-process', subjects: ['issuance.credential-configuration.changed'], inactiveThresholdMs: 60_000 }, async () => {});
      await bus.subscribe({ durable: 'shared', subjects: ['issuance.credential-configuration.changed'] }, async () => {});
      const jsm = await jetstreamManager(admin);
      expect((await jsm.consumers.info(options.streamName ?? '', 'one-process')).config.inactive_threshold).toBe(nanos(60_000));
      expect((await jsm.consumers.info(options.streamName ?? '', 'shared')).config.inactive_threshold ?? 0).toBe(0);
    } finally {
      await bus.close();
      await deleteStreams(options);
    }
  });

  it('shares one durable consumer between replicas: each event is handled once', async () => {
    const options = namespaceOptions();
    const replicas = [await JetStreamBus.connect(options), await JetStreamBus.connect(options)];
    try {
      const handled: string[] = [];
      for (const replica of replicas) {
        await replica.subscribe({ durable: 'shared', subjects: ['issuance.>'] }, async (envelope) => {
          handled.push(envelope.id);
        });
      }
      const events = Array.from({ length: 20 }, (_, index) => offerRetrieved(`off-${index}`));
      for (const event of events) await replicas[0]?.publish(event.type, event);

      await waitFor(() => handled.length >= events.length);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(handled.sort()).toEqual(events.map((event) => event.id).sort());
    } finally {
      await Promise.all(replicas.map((replica) => replica.close()));
      await deleteStreams(options);
    }
  });

  it('fails a command sent over a closed connection as unreachable, which wallets are told to retry', async () => {
    const options = namespaceOptions();
    const bus = await JetStreamBus.connect(options);
    await bus.close();
    try {
      await expect(bus.request('cmd.offer.get-credential-claims', offerRetrieved('off-1'))).rejects.toMatchObject({ name: 'CommandError', failure: 'unreachable' });
    } finally {
      await deleteStreams(options);
    }
  });

  it('refuses to publish a subject outside the stream', async () => {
    const options = namespaceOptions();
    const bus = await JetStreamBus.connect(options);
    try {
      const event = offerRetrieved('off-1');
      await expect(bus.publish('offers.retrieved', event)).rejects.toThrow();
    } finally {
      await bus.close();
      await deleteStreams(options);
    }
  });
});
