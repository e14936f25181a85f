import type { FastifyInstance } from 'fastify';

/**
 * While the server closes, every answer says `Connection: close` (RFC 9112 Section 9.6): a keep-alive
 * connection whose request was in flight at SIGTERM would otherwise stay open until its idle
 * timeout and hold the shutdown back.
 */
export function closeConnectionsOnShutdown(fastify: FastifyInstance): void {
  let closing = false;
  fastify.addHook('preClose', (done) => {
    closing = true;
    done();
  });
  fastify.addHook('onSend', (_request, reply, payload, done) => {
    if (closing) reply.header('connection', 'close');
    done(null, payload);
  });
}
