import { invalidRequest } from '@issuer/protocol-errors';
import type { FastifyRequest } from 'fastify';

/** RFC 6749 Section 3.2 / RFC 9126 Section 2.1: the parameters come form-encoded, nothing else. */
export function formBody(body: unknown, request: FastifyRequest, specRef: string): Record<string, unknown> {
  if (!request.headers['content-type']?.startsWith('application/x-www-form-urlencoded') || typeof body !== 'object' || body === null) {
    throw invalidRequest({ reason: `the body is ${request.headers['content-type'] ?? 'without a content type'}, not form-encoded`, help: 'POST the parameters as application/x-www-form-urlencoded', specRef });
  }
  return body as Record<string, unknown>;
}
