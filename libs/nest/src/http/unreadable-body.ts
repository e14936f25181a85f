import type { ErrorDetail, ProtocolError } from '@issuer/protocol-errors';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { jsonTextContainsNul, nulCharacterError } from './nul-characters.js';

/**
 * The body of a request to a protected resource that could not be read: not JSON though sent as
 * application/json, or of a content type the endpoint does not take. The access token of such a
 * request still names its session, so the body goes to the use case, which refuses it with the
 * endpoint's own error code once the token is checked (OID4VCI 1.0 Sections 8.3.1.2, 9.3, 11.3).
 */
export class UnreadableBody {
  constructor(
    readonly contentType: string,
    readonly problem: string,
  ) {}
}

// RFC 6750: the endpoints whose access token identifies the session of any request to them.
const PROTECTED_RESOURCES = new Set(['/credential', '/deferred_credential', '/notification']);

function isProtectedResource(request: FastifyRequest): boolean {
  const query = request.url.indexOf('?');
  return PROTECTED_RESOURCES.has(query === -1 ? request.url : request.url.slice(0, query));
}

/**
 * Parses JSON as Fastify does (prototype poisoning refused), and takes any other content type,
 * handing protected resources an UnreadableBody instead of failing before their handler runs.
 * Other endpoints answer as before: 400 for broken JSON, 415 for a content type without a parser.
 */
export function registerBodyParsers(app: { useBodyParser(type: string, options: object, parser: (request: FastifyRequest, body: Buffer, done: (error: Error | null, body?: unknown) => void) => void): unknown }, fastify: FastifyInstance): void {
  const json = fastify.getDefaultJsonParser('error', 'error');
  app.useBodyParser('application/json', { bodyLimit: fastify.initialConfig.bodyLimit }, (request, body, done) => {
    const text = body.toString('utf8');
    json(request, text, (error, value) => {
      if (!error && jsonTextContainsNul(text)) {
        return isProtectedResource(request) ? done(null, new UnreadableBody('application/json', 'contains a NUL character (\\u0000), which no member of this API accepts')) : done(nulCharacterError('JSON body'));
      }
      if (error && isProtectedResource(request)) return done(null, new UnreadableBody('application/json', `is not JSON (${error.message})`));
      done(error, value);
    });
  });
  fastify.addContentTypeParser('*', { parseAs: 'buffer' }, (request, _body, done) => refuseContentType(request, done));
}

/** What a request of a content type its endpoint does not take gets (415, or an UnreadableBody for protected resources). */
export function refuseContentType(request: FastifyRequest, done: (error: Error | null, body?: unknown) => void): void {
  const contentType = String(request.headers['content-type'] ?? '');
  if (isProtectedResource(request)) return done(null, new UnreadableBody(contentType, `came as ${JSON.stringify(contentType)}, a content type this endpoint does not take`));
  done(Object.assign(new Error(`Unsupported Media Type: ${contentType}`), { statusCode: 415 }), undefined);
}

/** The body as parsed; an UnreadableBody is refused with the endpoint's error, `refuse` (its factory). */
export function readableBody(body: unknown, refuse: (detail: ErrorDetail) => ProtocolError, detail: { help: string; specRef: string }): unknown {
  if (!(body instanceof UnreadableBody)) return body;
  throw refuse({ reason: `The request body ${body.problem}.`, ...detail });
}
