import { describe, expect, it } from '@jest/globals';
import type { Database } from '@issuer/data-access-runtime';
import { InProcessBus } from '../messaging/index.js';
import { HealthController } from './health.controller.js';

const quietLog = { warn: () => {}, error: () => {} };
// The database's own ping runs against PGlite and PostgreSQL in the data-access specs and behind every e2e readiness wait.
const answering = { ping: () => Promise.resolve() } as unknown as Database;
const unreachable = { ping: () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:5432')) } as unknown as Database;

describe('HealthController', () => {
  it('is ready while the database and the event bus answer, and not once the bus is closed', async () => {
    const bus = new InProcessBus({ log: quietLog });
    const health = new HealthController(answering, bus);
    await expect(health.ready()).resolves.toEqual({ status: 'ok' });
    await bus.close();
    await expect(health.ready()).rejects.toMatchObject({ status: 503, error: 'temporarily_unavailable', reason: expect.stringMatching(/^Not ready: NATS does not answer \(.*closed/) });
    expect(health.live()).toEqual({ status: 'ok' });
  });

  it('is not ready while the database does not answer, though the process lives', async () => {
    const health = new HealthController(unreachable, new InProcessBus({ log: quietLog }));
    await expect(health.ready()).rejects.toMatchObject({ status: 503, reason: expect.stringMatching(/the database does not answer \(connect ECONNREFUSED/) });
  });

  it('is not ready, with 503 rather than 500, whatever error the bus client throws while NATS reconnects', async () => {
    const bus = new InProcessBus({ log: quietLog });
    bus.ping = () => Promise.reject(Object.assign(new Error('connection disconnected'), { name: 'RequestError' }));
    const health = new HealthController(answering, bus);
    await expect(health.ready()).rejects.toMatchObject({ status: 503, headers: { 'Retry-After': '2' }, reason: 'Not ready: NATS does not answer (connection disconnected).' });
    expect(health.live()).toEqual({ status: 'ok' });
  });
});
