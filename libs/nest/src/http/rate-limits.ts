import { temporarilyUnavailable, type ProtocolError } from '@issuer/protocol-errors';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Clock } from '../infrastructure/tokens.js';
import { addressRanges, inRanges } from './address-ranges.js';
import { TokenBuckets } from './token-buckets.js';

export interface RateLimitSettings {
  /** Requests a minute from one IP address; 0 for no limit. */
  perIpPerMinute: number;
  /** Requests a minute naming one OAuth client_id; 0 for no limit. */
  perClientPerMinute: number;
  /** Requests one address or client may send at once after a pause. */
  burst: number;
  /** Addresses and CIDR ranges never limited. */
  exempt: string[];
}

const MAX_KEYS = 100_000;
// Longer than any IP address; a client_id is cut too, so hostile values cannot fill memory.
const MAX_KEY_LENGTH = 256;
// Probes and the session-log's OTLP receiver (fed by the services themselves) are not client traffic.
const unlimitedPrefixes = ['/health', '/v1/logs'];
const preciseClock: Clock = () => Date.now() / 1000;

/**
 * Token buckets per client IP (before the body is read) and per OAuth client_id (from a form body,
 * as at /token and /par, or the query, as at /authorize). The IP is Fastify's `request.ip`: with
 * trustProxy it is the first X-Forwarded-For address, which the ingress or mesh in front must set.
 */
export function registerRateLimits(fastify: FastifyInstance, settings: RateLimitSettings, clock: Clock = preciseClock): void {
  const exempt = addressRanges(settings.exempt);
  const limited = (request: FastifyRequest) => !unlimitedPrefixes.some((prefix) => request.url.startsWith(prefix)) && !inRanges(exempt, request.ip);
  if (settings.perIpPerMinute > 0) {
    const perIp = new TokenBuckets({ perMinute: settings.perIpPerMinute, burst: settings.burst, maxKeys: MAX_KEYS }, clock);
    fastify.addHook('onRequest', (request, _reply, done) => {
      if (!limited(request)) return done();
      const take = perIp.take(request.ip.slice(0, MAX_KEY_LENGTH));
      done(take.allowed ? undefined : throttled(`the address ${request.ip}`, settings.perIpPerMinute, settings.burst, take.retryAfterSeconds));
    });
  }
  if (settings.perClientPerMinute > 0) {
    const perClient = new TokenBuckets({ perMinute: settings.perClientPerMinute, burst: settings.burst, maxKeys: MAX_KEYS }, clock);
    fastify.addHook('preValidation', (request, _reply, done) => {
      const clientId = clientIdOf(request);
      if (clientId === undefined || !limited(request)) return done();
      const take = perClient.take(clientId.slice(0, MAX_KEY_LENGTH));
      done(take.allowed ? undefined : throttled(`the client_id ${JSON.stringify(clientId.slice(0, MAX_KEY_LENGTH))}`, settings.perClientPerMinute, settings.burst, take.retryAfterSeconds));
    });
  }
}

/**
 * The client_id of a form body (RFC 6749 Section 2.3.1, RFC 9126 Section 2.1), else of the query (RFC 6749
 * Section 4.1.1); the management API's `client_id` filter names a client it is not.
 */
function clientIdOf(request: FastifyRequest): string | undefined {
  if (request.url.startsWith('/admin/')) return undefined;
  const form = request.headers['content-type']?.startsWith('application/x-www-form-urlencoded') ? request.body : undefined;
  for (const parameters of [form, request.query]) {
    const value = typeof parameters === 'object' && parameters !== null ? [(parameters as Record<string, unknown>)['client_id']].flat()[0] : undefined;
    if (typeof value === 'string' && value !== '') return value;
  }
  return undefined;
}

/**
 * RFC 6585 Section 4: 429 Too Many Requests with Retry-After. OAuth registers no code for it (slow_down
 * is RFC 8628's, for polling the device flow's token endpoint); temporarily_unavailable (RFC 6749
 * Section 4.1.2.1, "temporary overloading") is the one that tells a client to retry later rather than
 * change its request, as invalid_request would.
 */
function throttled(sender: string, perMinute: number, burst: number, retryAfterSeconds: number): ProtocolError {
  return temporarilyUnavailable({
    reason: `More than ${perMinute} requests a minute (at most ${burst} at once) came from ${sender}.`,
    help: `Wait ${retryAfterSeconds} s (Retry-After) before the next request, and space requests out.`,
    specRef: 'RFC 6585 Section 4',
    description: 'Too many requests; retry after the number of seconds in Retry-After',
    headers: { 'Retry-After': String(retryAfterSeconds) },
  }).with({ status: 429 });
}
