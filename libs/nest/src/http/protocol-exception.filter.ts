import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import type { ShareLinks } from '../timeline/share-links.js';
import { toProtocolError } from './to-protocol-error.js';
import { timelineOf } from './timeline-of.js';

/**
 * Registered explicitly by every app: every rejection leaves as the spec's error body. The
 * management API is the operator's, not a wallet's, so its errors also carry reason and help; a
 * wallet's carry `error_uri`, the shared timeline page at the failed request.
 */
@Catch()
export class ProtocolExceptionFilter implements ExceptionFilter {
  constructor(private readonly log: Logger, private readonly shareLinks?: ShareLinks) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const error = toProtocolError(exception);
    const timeline = timelineOf(request);
    const admin = request.url.startsWith('/admin/');
    if (error.status >= 500) this.log.error({ err: exception, path: request.url, status: error.status, error: error.error }, 'request failed');
    timeline?.error(error.reason, {
      error: error.error,
      error_description: error.description,
      status: error.status,
      reason: error.reason,
      help: error.help,
      spec_ref: error.specRef,
    });
    void reply
      .status(error.status)
      .headers({ 'Cache-Control': 'no-store', 'Content-Type': 'application/json', ...error.headers })
      .send(JSON.stringify(admin ? { ...error.toWire(), reason: error.reason, help: error.help } : withErrorUri(error.toWire(), timeline && this.shareLinks?.errorUri(timeline))));
  }
}

// RFC 6749 Section 5.2 and OID4VCI 1.0 Sections 6.3 and 8.3.1: `error_uri`, a page about the error for the developer.
function withErrorUri(wire: Record<string, unknown>, errorUri: string | undefined): Record<string, unknown> {
  return errorUri ? { ...wire, error_uri: errorUri } : wire;
}
