import { type Attributes, type Context, type Link, SpanKind, SpanStatusCode, context, propagation, trace, type Span } from '@opentelemetry/api';
import type { Envelope } from '@issuer/contracts-events';
import { recordIssuanceEvent } from '../observability/platform-metrics.js';
import { traceContextFromHeaders, traceContextOf } from './trace-context.js';

const tracerName = 'issuer-messaging';

/** OpenTelemetry semantic conventions for messaging spans; `session.id` joins them to the session's timeline. */
function messageAttributes(subject: string, message: MessageIds | undefined, operation: 'publish' | 'send' | 'process'): Attributes {
  const attributes: Attributes = { 'messaging.system': 'nats', 'messaging.destination.name': subject, 'messaging.operation.type': operation };
  if (message?.id) attributes['messaging.message.id'] = message.id;
  if (message?.sessionId) attributes['session.id'] = message.sessionId;
  return attributes;
}

/** What a span tells of a message: its envelope's id and session, where it could be read. */
export interface MessageIds {
  id?: string;
  sessionId?: string | null;
}

/** The ids of a message's payload, without validating it (its handler does). */
export function messageIdsOf(payload: string): MessageIds | undefined {
  try {
    const value = JSON.parse(payload) as { id?: unknown; sessionId?: unknown };
    return { ...(typeof value.id === 'string' && { id: value.id }), ...(typeof value.sessionId === 'string' && { sessionId: value.sessionId }) };
  } catch {
    return undefined;
  }
}

/**
 * A PRODUCER span around sending `envelope`, child of the trace it belongs to; `send` gets the W3C
 * headers naming this span, so the consumer's span is its child (one trace per request chain).
 */
export async function withProducerSpan<T>(operation: 'publish' | 'send', subject: string, envelope: Envelope, send: (headers: Record<string, string>) => Promise<T>): Promise<T> {
  const parent = traceContextOf(envelope);
  const span = trace.getTracer(tracerName).startSpan(`${operation} ${subject}`, { kind: SpanKind.PRODUCER, attributes: messageAttributes(subject, envelope, operation) }, parent);
  const headers: Record<string, string> = {};
  propagation.inject(trace.setSpan(parent, span), headers);
  try {
    return await send(headers);
  } catch (error) {
    failed(span, error);
    throw error;
  } finally {
    span.end();
  }
}

/** Counts an event the bus took: called once per event, never for a duplicate it dropped. */
export function eventPublished(envelope: Envelope): void {
  recordIssuanceEvent(envelope.type);
}

/**
 * A CONSUMER span around handling messages: child of the first message's producer span, linked to
 * the others' (a batch joins several traces).
 */
export async function withConsumerSpan<T>(subject: string, messages: Array<{ envelope: MessageIds | undefined; headers: Record<string, string> }>, handle: () => Promise<T>): Promise<T> {
  const [first, ...rest] = messages;
  const parent: Context = first ? traceContextFromHeaders(first.headers) : context.active();
  const links: Link[] = rest.flatMap(({ headers }) => {
    const linked = trace.getSpanContext(traceContextFromHeaders(headers));
    return linked ? [{ context: linked }] : [];
  });
  const attributes = first ? messageAttributes(subject, first.envelope, 'process') : {};
  if (messages.length > 1) {
    attributes['messaging.batch.message_count'] = messages.length;
    if (messages.some(({ envelope }) => envelope?.sessionId !== first?.envelope?.sessionId)) delete attributes['session.id'];
  }
  const span = trace.getTracer(tracerName).startSpan(`process ${subject}`, { kind: SpanKind.CONSUMER, attributes, links }, parent);
  try {
    return await context.with(trace.setSpan(parent, span), handle);
  } catch (error) {
    failed(span, error);
    throw error;
  } finally {
    span.end();
  }
}

function failed(span: Span, error: unknown): void {
  span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
}
