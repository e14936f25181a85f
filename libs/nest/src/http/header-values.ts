import type { FastifyRequest } from 'fastify';

/**
 * Every value of a header as sent, one per occurrence. Node joins repeated headers into one string,
 * which would hide two DPoP headers (RFC 9449 Section 4.3 requires exactly one).
 */
export function headerValues(request: FastifyRequest, name: string): string[] {
  const raw = request.raw.rawHeaders;
  const wanted = name.toLowerCase();
  const values: string[] = [];
  for (let i = 0; i < raw.length; i += 2) {
    if (raw[i]?.toLowerCase() === wanted) values.push(raw[i + 1] ?? '');
  }
  return values;
}
