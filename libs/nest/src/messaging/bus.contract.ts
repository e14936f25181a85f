import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type Envelope, type KnownEnvelope, commands, createEnvelope, subjects } from '@issuer/contracts-events';
import { ProtocolError, invalidRequest } from '@issuer/protocol-errors';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { ROOT_CONTEXT, SpanKind, TraceFlags, context, propagation, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import type { DeadLetter, MessageBus } from './bus.js';
import { CommandError } from './command-error.js';

/** One isolated namespace (stream, subjects, durables) of a bus implementation. */
export interface BusUnderTest {
  bus: MessageBus;
  /** A bus on the same streams and durables; for JetStream over a new connection. */
  reconnect(): Promise<MessageBus>;
  deadLetters(): Promise<DeadLetter[]>;
  dispose(): Promise<void>;
}

/** The redelivery settings every implementation is opened with by `open()`. */
export const contractMaxDeliver = 3;

const testTimeoutMs = 20_000;

export function busContract(name: string, open: () => Promise<BusUnderTest>): void {
  describe(`${name} (bus contract)`, () => {
    const contextManager = new AsyncLocalStorageContextManager();

    beforeAll(() => {
      context.setGlobalContextManager(contextManager.enable());
      propagation.setGlobalPropagator(new W3CTraceContextPropagator());
    });

    afterAll(() => {
      propagation.disable();
      context.disable();
    });

    it('delivers every event to each durable consumer whose subjects match, in order', isolated(open, async (t) => {
      const offers = recorder();
      const everything = recorder();
      const picky = recorder();
      await t.bus.subscribe({ durable: 'offers', subjects: ['issuance.offer.*'] }, offers.handler);
      await t.bus.subscribe({ durable: 'timeline', subjects: ['issuance.>'] }, everything.handler);
      await t.bus.subscribe({ durable: 'picky', subjects: ['issuance.offer.created', 'issuance.token.issued'] }, picky.handler);

      const created = offerCreated('off-1');
      const retrieved = offerRetrieved('off-1');
      const token = tokenIssued();
      for (const envelope of [created, retrieved, token]) await t.bus.publish(envelope.type, envelope);

      await waitFor(() => offers.ids().length === 2 && everything.ids().length === 3 && picky.ids().length === 2);
      expect(offers.ids()).toEqual([created.id, retrieved.id]);
      expect(picky.ids()).toEqual([created.id, token.id]);
      expect(everything.ids()).toEqual([created.id, retrieved.id, token.id]);
      expect(everything.received[2]).toEqual(token);
    }), testTimeoutMs);

    it('drops a message whose msgId it has already taken', isolated(open, async (t) => {
      const consumer = recorder();
      await t.bus.subscribe({ durable: 'dedupe', subjects: ['issuance.>'] }, consumer.handler);

      const first = offerRetrieved('off-1');
      const second = offerRetrieved('off-2');
      const differentEnvelopeSameMsgId = offerRetrieved('off-3');
      const sentinel = offerRetrieved('off-4');
      await t.bus.publish(first.type, first);
      await t.bus.publish(first.type, first);
      await t.bus.publish(second.type, second, { msgId: 'outbox-row-2' });
      await t.bus.publish(differentEnvelopeSameMsgId.type, differentEnvelopeSameMsgId, { msgId: 'outbox-row-2' });
      await t.bus.publish(sentinel.type, sentinel);

      await waitFor(() => consumer.ids().includes(sentinel.id));
      expect(consumer.ids()).toEqual([first.id, second.id, sentinel.id]);
    }), testTimeoutMs);

    it('redelivers after a handler throws, then dead-letters what keeps failing without holding up other messages', isolated(open, async (t) => {
      const attempts = new Map<string, number>();
      const handled: string[] = [];
      const others = recorder();
      await t.bus.subscribe({ durable: 'status', subjects: ['issuance.offer.retrieved'] }, async (envelope) => {
        const offerId = offerIdOf(envelope);
        const attempt = (attempts.get(offerId) ?? 0) + 1;
        attempts.set(offerId, attempt);
        if (offerId === 'poison') throw new Error('status update refused');
        if (offerId === 'flaky' && attempt === 1) throw new Error('database unavailable');
        handled.push(offerId);
      });
      await t.bus.subscribe({ durable: 'other', subjects: ['issuance.offer.retrieved'] }, others.handler);

      for (const offerId of ['poison', 'flaky', 'fine']) {
        const envelope = offerRetrieved(offerId);
        await t.bus.publish(envelope.type, envelope);
      }

      await waitFor(async () => handled.length === 2 && (await t.deadLetters()).length === 1);
      expect(handled.sort()).toEqual(['fine', 'flaky']);
      expect(attempts.get('flaky')).toBe(2);
      expect(attempts.get('poison')).toBe(contractMaxDeliver);
      const [letter] = await t.deadLetters();
      expect(letter).toMatchObject({
        subject: 'issuance.offer.retrieved',
        consumer: 'status',
        reason: 'status update refused',
        deliveries: contractMaxDeliver,
      });
      expect(JSON.parse(letter?.payload ?? '{}')).toMatchObject({ data: { offerId: 'poison' } });
      expect(others.received.map(offerIdOf)).toEqual(['poison', 'flaky', 'fine']);

      const later = offerRetrieved('after-the-poison');
      await t.bus.publish(later.type, later);
      await waitFor(() => handled.includes('after-the-poison'));
      expect(attempts.get('poison')).toBe(contractMaxDeliver);
    }), testTimeoutMs);

    it('dead-letters a message that fails validation at once, without calling the handler', isolated(open, async (t) => {
      const consumer = recorder();
      await t.bus.subscribe({ durable: 'strict', subjects: ['issuance.>'] }, consumer.handler);

      const malformed = { ...tokenIssued(), data: { issuanceId: 'iss-1', dpopBound: 'yes' } } as Envelope;
      const valid = tokenIssued();
      await t.bus.publish(malformed.type, malformed);
      await t.bus.publish(valid.type, valid);

      await waitFor(async () => consumer.ids().includes(valid.id) && (await t.deadLetters()).length === 1);
      expect(consumer.ids()).toEqual([valid.id]);
      const [letter] = await t.deadLetters();
      expect(letter).toMatchObject({ subject: 'issuance.token.issued', consumer: 'strict', deliveries: 1 });
      expect(letter?.reason).toMatch(/^Invalid data for issuance\.token\.issued version 1: /);
      expect(JSON.parse(letter?.payload ?? '{}')).toEqual(malformed);
    }), testTimeoutMs);

    it('hands what is waiting for a batch consumer over in fewer calls, each event once, in order', isolated(open, async (t) => {
      const events = ['off-1', 'off-2', 'off-3', 'off-4', 'off-5'].map(offerRetrieved);
      for (const envelope of events) await t.bus.publish(envelope.type, envelope);

      const batches: string[][] = [];
      await t.bus.subscribeBatch({ durable: 'batched', subjects: ['issuance.offer.retrieved'] }, async (envelopes) => {
        batches.push(envelopes.map((envelope) => envelope.id));
      });

      await waitFor(() => batches.flat().length === events.length);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(batches.flat()).toEqual(events.map((envelope) => envelope.id));
      expect(batches.length).toBeLessThan(events.length);
    }), testTimeoutMs);

    it('redelivers the whole batch whose handler threw', isolated(open, async (t) => {
      const events = ['off-1', 'off-2', 'off-3'].map(offerRetrieved);
      for (const envelope of events) await t.bus.publish(envelope.type, envelope);

      const failed: string[] = [];
      const handled: string[] = [];
      await t.bus.subscribeBatch({ durable: 'batched-retry', subjects: ['issuance.offer.retrieved'] }, async (envelopes) => {
        const ids = envelopes.map((envelope) => envelope.id);
        if (failed.length === 0) {
          failed.push(...ids);
          throw new Error('database unavailable');
        }
        handled.push(...ids);
      });

      await waitFor(() => handled.length === events.length);
      // However many messages the first pull fetched (JetStream may hand over one), the batch that
      // failed was not acked: every event still reaches the handler, none is dead-lettered.
      expect(failed.length).toBeGreaterThan(0);
      expect(handled.sort()).toEqual(events.map((envelope) => envelope.id).sort());
      expect(await t.deadLetters()).toEqual([]);
    }), testTimeoutMs);

    it('answers a command with what its handler returned', isolated(open, async (t) => {
      await t.bus.handle(commands.getCredentialClaims, async (envelope) => {
        if (envelope.type !== commands.getCredentialClaims) throw new Error(`unexpected ${envelope.type}`);
        return { issuanceId: `iss-of-${envelope.data.sessionId}`, credentials: [{ credential_configuration_id: 'pid', claims: { given_name: 'Erika' } }] };
      });

      const reply = await t.bus.request(commands.getCredentialClaims, getCredentialClaims('ses-9'));

      expect(reply).toEqual({ issuanceId: 'iss-of-ses-9', credentials: [{ credential_configuration_id: 'pid', claims: { given_name: 'Erika' } }] });
    }), testTimeoutMs);

    it('rethrows a ProtocolError of the command handler as one, and wraps any other failure', isolated(open, async (t) => {
      await t.bus.handle(commands.getCredentialClaims, async (envelope) => {
        if (envelope.sessionId === 'ses-denied') {
          throw invalidRequest({ reason: 'Session ses-denied is closed.', help: 'Start a new issuance.', specRef: 'OID4VCI 1.0 Section 8.3.1.2' });
        }
        throw new Error('offer database unavailable');
      });

      const denied = await t.bus.request(commands.getCredentialClaims, getCredentialClaims('ses-denied')).catch((error: unknown) => error);
      expect(denied).toBeInstanceOf(ProtocolError);
      expect(denied).toMatchObject({ error: 'invalid_request', status: 400, reason: 'Session ses-denied is closed.', specRef: 'OID4VCI 1.0 Section 8.3.1.2' });

      const broken = await t.bus.request(commands.getCredentialClaims, getCredentialClaims('ses-1')).catch((error: unknown) => error);
      expect(broken).toBeInstanceOf(CommandError);
      expect(broken).toMatchObject({ failure: 'handler_failed', subject: commands.getCredentialClaims, message: expect.stringContaining('offer database unavailable') });
    }), testTimeoutMs);

    it('fails a command that gets no reply in time, or that nobody handles', isolated(open, async (t) => {
      await t.bus.handle(commands.registerPreAuthorizedCode, () => new Promise((resolve) => setTimeout(() => resolve({ ok: true }), 1_000)));

      const started = Date.now();
      const slow = await t.bus.request(commands.registerPreAuthorizedCode, registerCode(), { timeoutMs: 200 }).catch((error: unknown) => error);
      expect(slow).toBeInstanceOf(CommandError);
      expect(slow).toMatchObject({ failure: 'timeout' });
      expect(Date.now() - started).toBeLessThan(900);

      const unhandled = await t.bus.request(commands.getCredentialClaims, getCredentialClaims('ses-1')).catch((error: unknown) => error);
      expect(unhandled).toBeInstanceOf(CommandError);
      expect(unhandled).toMatchObject({ failure: 'no_responders' });
    }), testTimeoutMs);

    it('keeps a stopped durable consumer’s place: re-subscribed, it receives what was published while it was away', isolated(open, async (t) => {
      const before = recorder();
      const subscription = await t.bus.subscribe({ durable: 'session-log', subjects: ['issuance.>'] }, before.handler);
      const seen = offerCreated('off-1');
      await t.bus.publish(seen.type, seen);
      await waitFor(() => before.ids().length === 1);
      await subscription.stop();

      const missed = [offerRetrieved('off-1'), tokenIssued()];
      for (const envelope of missed) await t.bus.publish(envelope.type, envelope);

      const after = recorder();
      const again = await t.reconnect();
      await again.subscribe({ durable: 'session-log', subjects: ['issuance.>'] }, after.handler);
      await waitFor(() => after.ids().length === 2);
      expect(after.ids()).toEqual(missed.map((envelope) => envelope.id));
      expect(before.ids()).toEqual([seen.id]);
    }), testTimeoutMs);

    it('answers a ping while open and refuses one once closed (readiness)', isolated(open, async (t) => {
      await expect(t.bus.ping()).resolves.toBeUndefined();
      await t.bus.close();
      await expect(t.bus.ping()).rejects.toThrow(/closed/);
    }), testTimeoutMs);

    it('starts a new durable consumer at the beginning of the stream', isolated(open, async (t) => {
      const early = [offerCreated('off-1'), offerRetrieved('off-1')];
      for (const envelope of early) await t.bus.publish(envelope.type, envelope);

      const late = recorder();
      await t.bus.subscribe({ durable: 'added-later', subjects: ['issuance.offer.retrieved'] }, late.handler);
      await waitFor(() => late.ids().length === 1);
      const next = offerRetrieved('off-2');
      await t.bus.publish(next.type, next);
      await waitFor(() => late.ids().length === 2);

      expect(late.ids()).toEqual([early[1]?.id, next.id]);
    }), testTimeoutMs);

    it('runs handlers inside the trace of the publisher, or of the envelope’s traceparent when relayed', isolated(open, async (t) => {
      const traces: Array<{ traceId: string; parentSpanId: string } | undefined> = [];
      await t.bus.subscribe({ durable: 'traced', subjects: ['issuance.>'] }, async () => {
        await Promise.resolve();
        const span = trace.getSpanContext(context.active());
        traces.push(span && { traceId: span.traceId, parentSpanId: span.spanId });
      });
      await t.bus.handle(commands.getCredentialClaims, async () => trace.getSpanContext(context.active())?.traceId ?? 'no trace');

      const publisher = { traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7', traceFlags: TraceFlags.SAMPLED, isRemote: false };
      const inRequest = offerRetrieved('off-1');
      const reply = await context.with(trace.setSpanContext(ROOT_CONTEXT, publisher), async () => {
        await t.bus.publish(inRequest.type, inRequest);
        return t.bus.request(commands.getCredentialClaims, getCredentialClaims('ses-1'));
      });
      const relayed = createEnvelope({
        type: subjects.offerRetrieved,
        version: 1,
        sessionId: 'ses-1',
        traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
        data: { issuanceId: 'iss-1', offerId: 'off-2' },
      });
      await t.bus.publish(relayed.type, relayed);

      await waitFor(() => traces.length === 2);
      expect(reply).toBe(publisher.traceId);
      expect(traces).toEqual([
        { traceId: publisher.traceId, parentSpanId: publisher.spanId },
        { traceId: '0af7651916cd43dd8448eb211c80319c', parentSpanId: 'b7ad6b7169203331' },
      ]);
    }), testTimeoutMs);

    it('makes one trace of a request chain: the request, each publish and send, and each consumer and command handler, with the session id', isolated(open, async (t) => {
      const exporter = new InMemorySpanExporter();
      const provider = new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] });
      trace.setGlobalTracerProvider(provider);
      try {
        let handled = false;
        await t.bus.handle(commands.getCredentialClaims, async () => ({ claims: {} }));
        await t.bus.subscribe({ durable: 'chained', subjects: [subjects.offerRetrieved] }, async (envelope) => {
          await t.bus.request(commands.getCredentialClaims, getCredentialClaims(envelope.sessionId ?? ''));
          handled = true;
        });
        const server = trace.getTracer('test').startSpan('GET /credential-offer/:id', { kind: SpanKind.SERVER });
        await context.with(trace.setSpan(ROOT_CONTEXT, server), () => t.bus.publish(subjects.offerRetrieved, offerRetrieved('off-1')));
        server.end();
        await waitFor(() => handled && exporter.getFinishedSpans().length === 5);

        const spans = exporter.getFinishedSpans();
        const named = (name: string) => spans.find((span) => span.name === name);
        const chain = [
          'GET /credential-offer/:id',
          `publish ${subjects.offerRetrieved}`,
          `process ${subjects.offerRetrieved}`,
          `send ${commands.getCredentialClaims}`,
          `process ${commands.getCredentialClaims}`,
        ].map(named);
        expect(new Set(chain.map((span) => span?.spanContext().traceId))).toEqual(new Set([server.spanContext().traceId]));
        for (let i = 1; i < chain.length; i++) expect(chain[i]?.parentSpanContext?.spanId).toBe(chain[i - 1]?.spanContext().spanId);
        expect(chain.map((span) => span?.kind)).toEqual([SpanKind.SERVER, SpanKind.PRODUCER, SpanKind.CONSUMER, SpanKind.PRODUCER, SpanKind.CONSUMER]);
        for (const span of chain.slice(1)) expect(span?.attributes).toMatchObject({ 'session.id': 'ses-1', 'messaging.system': 'nats' });
      } finally {
        trace.disable();
        await provider.shutdown();
      }
    }), testTimeoutMs);
  });
}

function isolated(open: () => Promise<BusUnderTest>, test: (t: BusUnderTest) => Promise<void>): () => Promise<void> {
  return async () => {
    const t = await open();
    try {
      await test(t);
    } finally {
      await t.dispose();
    }
  };
}

function recorder() {
  const received: KnownEnvelope[] = [];
  return {
    received,
    ids: () => received.map((envelope) => envelope.id),
    handler: async (envelope: KnownEnvelope) => {
      received.push(envelope);
    },
  };
}

export async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Condition not met within ${timeoutMs} ms: ${condition.toString()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function offerIdOf(envelope: KnownEnvelope): string {
  return envelope.type === subjects.offerRetrieved ? envelope.data.offerId : '';
}

export function offerCreated(offerId: string) {
  return createEnvelope({
    type: subjects.offerCreated,
    version: 1,
    sessionId: 'ses-1',
    data: { issuanceId: 'iss-1', credentialConfigurationIds: ['pid'], grantType: 'urn:ietf:params:oauth:grant-type:pre-authorized_code', offerId },
  });
}

export function offerRetrieved(offerId: string) {
  return createEnvelope({ type: subjects.offerRetrieved, version: 1, sessionId: 'ses-1', data: { issuanceId: 'iss-1', offerId } });
}

function tokenIssued() {
  return createEnvelope({
    type: subjects.tokenIssued,
    version: 1,
    sessionId: 'ses-1',
    data: { issuanceId: 'iss-1', grantType: 'urn:ietf:params:oauth:grant-type:pre-authorized_code', credentialConfigurationIds: ['pid'], dpopBound: true },
  });
}

function getCredentialClaims(sessionId: string) {
  return createEnvelope({ type: commands.getCredentialClaims, version: 1, sessionId, data: { sessionId } });
}

function registerCode() {
  return createEnvelope({
    type: commands.registerPreAuthorizedCode,
    version: 1,
    sessionId: 'ses-1',
    data: {
      sessionId: 'ses-1',
      issuanceId: 'iss-1',
      codeHash: 'code-hash',
      credentialConfigurationIds: ['pid'],
      txCodeHash: null,
      maxTxCodeAttempts: 3,
      expiresAt: '2030-01-01T00:00:00Z',
    },
  });
}
