import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { BODY_LIMIT_BYTES, type ServiceName } from '@issuer/contracts-routes';
import { startGateway } from './gateway.js';

const services: ServiceName[] = ['offer-service', 'auth-service', 'credential-service', 'deferred-service', 'session-log-service'];

describe('gateway', () => {
  let upstream: Server;
  let gateway: Server;
  let received: IncomingMessage[];

  beforeAll(async () => {
    received = [];
    upstream = createServer((req, res) => {
      received.push(req);
      if (Number(req.headers['content-length']) <= BODY_LIMIT_BYTES) return void res.end('{}');
      // As a service does: the body over its limit is read and dropped, then refused.
      req.resume();
      req.on('end', () => {
        res.writeHead(413, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: 'payload_too_large' }));
      });
    });
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    const url = new URL(`http://127.0.0.1:${(upstream.address() as AddressInfo).port}`);
    gateway = await startGateway(0, '127.0.0.1', Object.fromEntries(services.map((service) => [service, url])) as Record<ServiceName, URL>);
  });

  afterAll(async () => {
    await new Promise((resolve) => gateway.close(resolve));
    await new Promise((resolve) => upstream.close(resolve));
  });

  function post(lines: string[]): Promise<number> {
    const { port } = gateway.address() as AddressInfo;
    return new Promise((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path: '/credential', method: 'POST', headers: ['host', 'issuer.example.com', ...lines, 'content-length', '2'] }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end('{}');
    });
  }

  it('forwards repeated DPoP and Authorization lines one by one, as sent (NEGATIVE-TESTS D1)', async () => {
    expect(await post(['DPoP', 'first.proof.jwt', 'DPoP', 'second.proof.jwt', 'Authorization', 'DPoP a', 'Authorization', 'DPoP b', 'X-Forwarded-For', '203.0.113.7'])).toBe(200);
    const forwarded = received.at(-1) as IncomingMessage;
    const lines = (name: string) => forwarded.rawHeaders.filter((_, index, raw) => index % 2 === 1 && raw[index - 1]?.toLowerCase() === name);
    expect(lines('dpop')).toEqual(['first.proof.jwt', 'second.proof.jwt']);
    expect(lines('authorization')).toEqual(['DPoP a', 'DPoP b']);
    expect(lines('host')).toEqual(['issuer.example.com']);
    expect(lines('x-forwarded-for')).toEqual(['203.0.113.7, 127.0.0.1']);
  });

  function send(headers: Record<string, string>, body: string): Promise<{ status: number; body: string }> {
    const { port } = gateway.address() as AddressInfo;
    return new Promise((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path: '/credential', method: 'POST', headers, agent: false }, (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      });
      req.on('error', reject);
      req.end(body);
    });
  }

  it('answers headers far over the parser limit with a JSON 431 the client gets to read', async () => {
    const before = received.length;
    const answer = await send({ 'x-padding': 'A'.repeat(100_000), 'content-type': 'application/json' }, '{}');
    expect(answer.status).toBe(431);
    expect(JSON.parse(answer.body)).toEqual({ error: 'invalid_request', error_description: 'The request headers are too large' });
    expect(received.length).toBe(before);
  });

  it('passes a body over the limit on while the service reads it, so a wallet still uploading gets its 413 and no reset', async () => {
    const { port } = gateway.address() as AddressInfo;
    const chunk = '['.repeat(64 * 1024);
    const req = request({ host: '127.0.0.1', port, path: '/notification', method: 'POST', agent: false, headers: { 'content-type': 'multipart/form-data; boundary=x', 'content-length': String(chunk.length * 8) } });
    const outcome = new Promise<string>((resolve) => {
      req.on('response', (res) => {
        res.resume();
        res.on('end', () => resolve(`answered ${res.statusCode}`));
      });
      req.on('error', (error) => resolve(`failed: ${error.message}`));
    });
    // The wallet sends what it declared in pieces, as a slow connection would.
    let sent = 0;
    for (; sent < 8 && !req.destroyed; sent += 1) {
      req.write(chunk);
      await new Promise((wait) => setTimeout(wait, 50));
    }
    req.end();
    expect({ sent, outcome: await outcome }).toEqual({ sent: 8, outcome: 'answered 413' });
  });

  it('forwards a body over the services\' limit to the owning service, whose refusal the wallet gets (as behind the mesh)', async () => {
    const before = received.length;
    const answer = await send({ 'content-type': 'application/json' }, JSON.stringify({ a: 'x'.repeat(300 * 1024) }));
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toEqual({ error: 'payload_too_large' });
    expect(received.length).toBe(before + 1);
  });
});
