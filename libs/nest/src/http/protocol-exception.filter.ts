import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { toProtocolError } from './to-protocol-error.js';
import { timelineOf } from './timeline-of.js';

/**
 * Registered explicitly by every app: every rejection leaves as the spec's error body. The
 * management API is the operator's, not a wallet's, so its errors also carry reason and help.
 */
@Catch()
export class ProtocolExceptionFilter implements ExceptionFilter {
  constructor(private readonly log: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const error = toProtocolError(exception);
    if (error.status >= 500) this.log.error({ err: exception, path: request.url }, 'request failed');
    timelineOf(request)?.error(error.reason, {
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
      .send(JSON.stringify(request.url.startsWith('/admin/') ? { ...error.toWire(), reason: error.reason, help: error.help } : error.toWire()));
  }
}
