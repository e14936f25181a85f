import { afterEach, describe, expect, it } from '@jest/globals';
import { isProtocolError } from '@issuer/protocol-errors';
import { fixedClock } from '@issuer/testing';
import Fastify, { type FastifyInstance, type InjectOptions } from 'fastify';
import { registerRateLimits, type RateLimitSettings } from './rate-limits.js';

const settings: RateLimitSettings = { perIpPerMinute: 60, perClientPerMinute: 30, burst: 2, exempt: ['127.0.0.1', '10.0.0.0/8'] };
let app: FastifyInstance;

async function start(limits: RateLimitSettings = settings) {
  const clock = fixedClock(1_780_000_000);
  app = Fastify({ trustProxy: true });
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(body as string))));
  registerRateLimits(app, limits, clock.now);
  app.setErrorHandler((error, _request, reply) => {
    if (!isProtocolError(error)) throw error;
    void reply.status(error.status).headers(error.headers).send(error.toWire());
  });
  for (const path of ['/token', '/health/ready', '/v1/logs']) app.post(path, async () => ({}));
  for (const path of ['/authorize', '/admin/v1/requests']) app.get(path, async () => ({}));
  await app.ready();
  return clock;
}

const from = (ip: string) => ({ 'x-forwarded-for': ip });
const form = (ip: string, body: string): InjectOptions => ({ method: 'POST' as const, url: '/token', headers: { ...from(ip), 'content-type': 'application/x-www-form-urlencoded' }, payload: body });

async function statuses(requests: InjectOptions[]): Promise<number[]> {
  const answers = [];
  for (const request of requests) answers.push((await app.inject(request)).statusCode);
  return answers;
}

afterEach(async () => {
  await app.close();
});

describe('registerRateLimits', () => {
  it('answers the request over an address limit 429 temporarily_unavailable with Retry-After', async () => {
    await start();
    const request = { method: 'POST' as const, url: '/token', headers: from('203.0.113.7') };
    expect(await statuses([request, request])).toEqual([200, 200]);
    const refused = await app.inject(request);
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['retry-after']).toBe('1');
    expect(refused.json()).toEqual({ error: 'temporarily_unavailable', error_description: 'Too many requests; retry after the number of seconds in Retry-After' });
    expect(await statuses([{ method: 'POST', url: '/token', headers: from('203.0.113.8') }])).toEqual([200]);
  });

  it('limits a client_id of a form body or a query across addresses', async () => {
    const clock = await start();
    expect(await statuses([form('203.0.113.1', 'client_id=wallet'), form('203.0.113.2', 'client_id=wallet'), form('203.0.113.3', 'client_id=wallet')])).toEqual([200, 200, 429]);
    expect(await statuses([{ method: 'GET', url: '/authorize?client_id=wallet', headers: from('203.0.113.4') }])).toEqual([429]);
    expect(await statuses([form('203.0.113.5', 'client_id=other'), form('203.0.113.6', 'grant_type=x')])).toEqual([200, 200]);
    expect(await statuses([{ method: 'GET', url: '/admin/v1/requests?client_id=wallet', headers: from('203.0.113.8') }])).toEqual([200]);
    clock.advance(2);
    expect(await statuses([form('203.0.113.7', 'client_id=wallet')])).toEqual([200]);
  });

  it('leaves exempt addresses, health probes and the OTLP receiver alone', async () => {
    await start();
    const requests = [
      ...Array.from({ length: 5 }, () => form('10.1.2.3', 'client_id=wallet')),
      ...Array.from({ length: 5 }, () => ({ method: 'POST' as const, url: '/health/ready', headers: from('203.0.113.9') })),
      ...Array.from({ length: 5 }, () => ({ method: 'POST' as const, url: '/v1/logs', headers: from('203.0.113.9') })),
    ];
    expect(new Set(await statuses(requests))).toEqual(new Set([200]));
  });

  it('limits nothing at 0', async () => {
    await start({ ...settings, perIpPerMinute: 0, perClientPerMinute: 0 });
    expect(new Set(await statuses(Array.from({ length: 5 }, () => form('203.0.113.7', 'client_id=wallet'))))).toEqual(new Set([200]));
  });
});
