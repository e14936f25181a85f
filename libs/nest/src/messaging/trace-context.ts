import { type Context, ROOT_CONTEXT, context, propagation } from '@opentelemetry/api';
import type { Envelope } from '@issuer/contracts-events';

/**
 * The trace an envelope belongs to: the one its `traceparent` names (an outbox row relayed later
 * still joins the request that wrote it), else the active one.
 */
export function traceContextOf(envelope: Envelope): Context {
  if (envelope.traceparent === undefined) return context.active();
  return propagation.extract(context.active(), { traceparent: envelope.traceparent });
}

/** W3C trace context headers (`traceparent`, `tracestate`, baggage) for a message carrying `envelope`. */
export function traceHeadersOf(envelope: Envelope): Record<string, string> {
  const carrier: Record<string, string> = {};
  propagation.inject(traceContextOf(envelope), carrier);
  return carrier;
}

/** The context a consumer runs its handler in, from the headers a message arrived with. */
export function traceContextFromHeaders(carrier: Record<string, string>): Context {
  return propagation.extract(ROOT_CONTEXT, carrier);
}

/** The active `traceparent`, for `createEnvelope({ traceparent })`. */
export function currentTraceparent(): string | undefined {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier['traceparent'];
}
