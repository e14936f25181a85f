import type { FastifyInstance } from 'fastify';

/** How long a refused body is read before it is refused anyway (and the connection closed). */
const DRAIN_MS = 5_000;

/**
 * Fastify refuses a declared body over the limit before reading it, and Node closes a connection
 * whose request was answered before it was read whole: closing it mid-upload resets it, and a
 * wallet still writing its body gets a broken pipe instead of the 413 (RFC 9112 Section 9.6). Such
 * a body is read and dropped first, for a few seconds at most, then refused as before.
 */
export function registerOversizedBodyDrain(fastify: FastifyInstance): void {
  const limit = fastify.initialConfig.bodyLimit ?? Number.POSITIVE_INFINITY;
  fastify.addHook('onRequest', (request, _reply, done) => {
    if (!(Number(request.headers['content-length']) > limit)) return done();
    let proceeded = false;
    const proceed = () => {
      if (proceeded) return;
      proceeded = true;
      clearTimeout(giveUp);
      done();
    };
    const giveUp = setTimeout(proceed, DRAIN_MS);
    request.raw.on('end', proceed);
    request.raw.on('close', proceed);
    request.raw.resume();
  });
}
