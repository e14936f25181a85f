import { context, propagation, SpanKind, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import { recordRequest } from '../observability/platform-metrics.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { decodeJwtForTimeline, secretClaimsOf } from './decode-jwt-for-timeline.js';
import { redact, redactLocation, splitVerboseHeaders } from './redact.js';
import { RequestTimeline } from './request-timeline.js';
import { walletLabel } from './detected-wallet.js';
import type { SessionLogger } from './session-logger.js';

declare module 'fastify' {
  interface FastifyRequest {
    span?: Span;
    responseBody?: string;
  }
}

/** Where a received request's verbose-only headers travel to the session-log service, which keeps or drops them. */
export const verboseHeadersMember = 'verbose_headers';

/** Request headers that carry a JWT, shown decoded: RFC 9449 DPoP and the OAuth 2.0 Attestation-Based Client Authentication headers. */
const decodedHeaders = [
  ['dpop', 'dpop'],
  ['oauth-client-attestation', 'client_attestation'],
  ['oauth-client-attestation-pop', 'client_attestation_pop'],
] as const;

const shownResponseHeaders = ['content-type', 'cache-control', 'www-authenticate', 'dpop-nonce', 'location', 'retry-after'];

export interface TimelineHookOptions {
  sessionLogger: SessionLogger;
  serviceName: string;
  /** Paths that are not wallet or operator traffic (health, the timeline API itself). */
  untracked: (path: string) => boolean;
}

/**
 * Every request gets a server span continuing the caller's `traceparent` and a timeline; the
 * request (headers, body, decoded DPoP proof) and the response are recorded, redacted, and written
 * once the response has gone out (ARCHITECTURE.md principle 9).
 */
export function registerTimelineHooks(app: FastifyInstance, options: TimelineHookOptions): void {
  const tracer = trace.getTracer(options.serviceName);

  app.addHook('onRequest', (request, _reply, done) => {
    const path = pathOf(request);
    if (options.untracked(path)) return done();
    const parent = propagation.extract(context.active(), request.headers);
    request.span = tracer.startSpan(`${request.method} ${path}`, { kind: SpanKind.SERVER, attributes: { 'http.request.method': request.method, 'url.path': path } }, parent);
    request.timeline = new RequestTimeline(path, { ip: request.ip, userAgent: headerString(request.headers['user-agent']) });
    context.with(trace.setSpan(parent, request.span), done);
  });

  app.addHook('preHandler', (request, _reply, done) => {
    const timeline = request.timeline;
    if (!timeline) return done();
    const { headers, verbose } = splitVerboseHeaders(redact(request.headers) as Record<string, unknown>);
    const data: Record<string, unknown> = {
      method: request.method,
      // The OpenID Provider's code comes back on the callback's query (OpenID Connect Core 1.0 Section 3.1.2.5).
      url: redactLocation(request.url),
      headers,
    };
    if (Object.keys(verbose).length > 0) data[verboseHeadersMember] = verbose;
    if (request.body !== undefined) data['body'] = redact(request.body);
    for (const [header, member] of decodedHeaders) {
      const value = request.headers[header];
      if (value) data[member] = decodeJwtForTimeline(value);
    }
    timeline.debug(`${request.method} ${timeline.endpoint} received`, data);
    const leaked = secretClaimsOf(request.headers.dpop);
    if (leaked.length > 0) {
      timeline.warn('The DPoP proof carries a secret', {
        claims: leaked,
        reason: `The DPoP proof's payload has ${leaked.join(', ')}: whoever sees the proof (a log, a proxy) gets that secret.`,
        help: 'Put only jti, htm, htu, iat, ath and nonce in a DPoP proof; ath is the hash of the access token, never the token.',
        spec_ref: 'RFC 9449 Section 4.2',
      });
    }
    done();
  });

  app.addHook('onSend', (request, _reply, payload, done) => {
    if (request.timeline && typeof payload === 'string') request.responseBody = payload;
    done(null, payload);
  });

  app.addHook('onResponse', (request, reply, done) => {
    const timeline = request.timeline;
    if (!timeline) return done();
    const responseBody = parseJson(request.responseBody);
    const level = reply.statusCode >= 500 ? 'error' : reply.statusCode >= 400 ? 'warn' : 'info';
    timeline[level](`Responded ${reply.statusCode}`, {
      status: reply.statusCode,
      headers: pickHeaders(reply),
      body: redact(responseBody),
      duration_ms: Math.round(reply.elapsedTime * 100) / 100,
    });
    const span = request.span;
    if (span) {
      if (timeline.sessionId) span.setAttribute('session.id', timeline.sessionId);
      span.setAttribute('http.response.status_code', reply.statusCode);
      if (reply.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    }
    options.sessionLogger.write(timeline, span);
    const error = (responseBody as { error?: unknown } | undefined)?.error;
    recordRequest({
      route: request.routeOptions.url ?? 'unmatched',
      method: request.method,
      status: reply.statusCode,
      durationMs: reply.elapsedTime,
      ...(typeof error === 'string' && { errorCode: error }),
      wallet: walletLabel({ userAgent: timeline.origin.userAgent, clientId: timeline.origin.clientId }),
    });
    done();
  });
}

function pathOf(request: FastifyRequest): string {
  const url = request.url;
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}

function headerString(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}

function pickHeaders(reply: FastifyReply): Record<string, unknown> {
  const headers: Record<string, unknown> = {};
  for (const name of shownResponseHeaders) {
    const value = reply.getHeader(name);
    if (value !== undefined) headers[name] = name === 'location' && typeof value === 'string' ? redactLocation(value) : value;
  }
  return headers;
}

function parseJson(body: string | undefined): unknown {
  if (body === undefined) return undefined;
  try {
    return JSON.parse(body);
  } catch {
    return `<${body.length} bytes, not JSON>`;
  }
}
