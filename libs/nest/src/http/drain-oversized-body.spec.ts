import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import Fastify, { type FastifyInstance } from 'fastify';
import { registerOversizedBodyDrain } from './drain-oversized-body.js';

describe('a declared body over the limit', () => {
  let fastify: FastifyInstance;
  const chunk = '['.repeat(64 * 1024);

  beforeAll(async () => {
    fastify = Fastify({ bodyLimit: 128 * 1024 });
    registerOversizedBodyDrain(fastify);
    fastify.post('/notification', async () => ({}));
    await fastify.listen({ port: 0, host: '127.0.0.1' });
  });

  afterAll(() => fastify.close());

  /** Sends `chunks` pieces of the declared body, 50 ms apart, as a slow connection would. */
  async function upload(chunks: number, contentType = 'application/json'): Promise<{ sent: number; outcome: string }> {
    const { port } = fastify.server.address() as AddressInfo;
    const req = request({ host: '127.0.0.1', port, path: '/notification', method: 'POST', agent: false, headers: { 'content-type': contentType, 'content-length': String(chunk.length * chunks) } });
    const outcome = new Promise<string>((resolve) => {
      req.on('response', (res) => {
        let body = '';
        res.on('data', (part: Buffer) => (body += part.toString()));
        res.on('end', () => resolve(`answered ${res.statusCode} ${JSON.parse(body).code}`));
      });
      req.on('error', (error) => resolve(`failed: ${error.message}`));
    });
    let sent = 0;
    for (; sent < chunks && !req.destroyed; sent += 1) {
      req.write(chunk);
      await new Promise((wait) => setTimeout(wait, 50));
    }
    req.end();
    return { sent, outcome: await outcome };
  }

  it('is read to its end, then refused with 413, so a wallet still uploading gets the answer and no reset', async () => {
    expect(await upload(8)).toEqual({ sent: 8, outcome: 'answered 413 FST_ERR_CTP_BODY_TOO_LARGE' });
  });

  it('is refused as before when it fits the limit but not the endpoint', async () => {
    expect(await upload(1, 'application/xml')).toEqual({ sent: 1, outcome: 'answered 415 FST_ERR_CTP_INVALID_MEDIA_TYPE' });
  });
});
