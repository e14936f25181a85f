import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';

/** Why Node's HTTP parser could not read a request, for the client and for the timeline. */
export interface UnparsableRequestRefusal {
  status: 400 | 408 | 431;
  error: 'invalid_request';
  error_description: string;
  reason: string;
  help: string;
  spec_ref: string;
}

function refusal(status: UnparsableRequestRefusal['status'], description: string, reason: string, help: string, specRef: string): UnparsableRequestRefusal {
  return { status, error: 'invalid_request', error_description: description, reason, help, spec_ref: specRef };
}

export function refusalOf(error: NodeJS.ErrnoException): UnparsableRequestRefusal {
  switch (error.code) {
    case 'HPE_HEADER_OVERFLOW':
      return refusal(
        431,
        'The request headers are too large',
        'The request headers are larger than the 16 KiB this server reads.',
        'Send fewer or shorter headers: an oversized DPoP proof or Authorization value, repeated headers or large cookies are the usual cause.',
        'RFC 6585 Section 5',
      );
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return refusal(
        408,
        'The request did not arrive in time',
        'The request did not arrive whole within the time this server waits for one.',
        'Send the request line, headers and body without pausing; a body declared with Content-Length must follow at once.',
        'RFC 9110 Section 15.5.9',
      );
    default:
      return refusal(
        400,
        'The request could not be parsed',
        `The HTTP request could not be parsed (${error.code ?? 'parse error'}).`,
        'Send a well-formed HTTP/1.1 request: a valid request line, header names and values without control characters, and a Content-Length that matches the body.',
        'RFC 9112 Section 2.2',
      );
  }
}

/**
 * A request the HTTP parser refused (headers over Node's 16 KiB, a malformed request line): answered
 * with a JSON error, then the rest of what the client sends is read and dropped for a moment, so the
 * connection is not reset before the client reads the answer. `onRefused` hears of each refusal
 * that was answered, with the client's address (no header could be read).
 */
export function refuseUnparsableRequest(error: NodeJS.ErrnoException, socket: Duplex, onRefused?: (refusal: UnparsableRequestRefusal, ip: string | undefined) => void): void {
  if (error.code === 'ECONNRESET' || !socket.writable) return void socket.destroy();
  const refusal = refusalOf(error);
  const body = JSON.stringify({ error: refusal.error, error_description: refusal.error_description });
  socket.end(`HTTP/1.1 ${refusal.status} ${STATUS_CODES[refusal.status]}\r\nContent-Type: application/json\r\nCache-Control: no-store\r\nConnection: close\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  socket.resume();
  setTimeout(() => socket.destroy(), 2_000).unref();
  onRefused?.(refusal, (socket as Partial<Socket>).remoteAddress);
}
