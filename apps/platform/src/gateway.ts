import { createServer, request as httpRequest, STATUS_CODES, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { serviceForPath, type ServiceName } from '@issuer/contracts-routes';

/**
 * The distributed mode's single entry point: routes by path exactly as the mesh's VirtualService
 * does, from the same route table, and keeps the Host so every service sees the public URL. A body
 * over the services' limit is forwarded too, as the mesh does: the owning service refuses it (413)
 * and records the refusal, with its reason, on the timeline.
 */
export function startGateway(port: number, host: string, upstreams: Record<ServiceName, URL>): Promise<Server> {
  const server = createServer((req, res) => forward(req, res, upstreams));
  server.keepAliveTimeout = 65_000;
  server.on('clientError', refuseUnparsable);
  return new Promise((resolve) => server.listen(port, host, () => resolve(server)));
}

function forward(req: IncomingMessage, res: ServerResponse, upstreams: Record<ServiceName, URL>): void {
  const path = (req.url ?? '/').split('?')[0] ?? '/';
  const service = path.startsWith('/health') ? 'offer-service' : serviceForPath(path);
  if (!service) {
    res.writeHead(404, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(JSON.stringify({ error: 'not_found', error_description: 'Not found' }));
    return;
  }
  const upstream = httpRequest(
    { host: upstreams[service].hostname, port: upstreams[service].port, method: req.method, path: req.url, headers: forwardedHeaders(req) },
    (upstreamResponse) => {
      res.writeHead(upstreamResponse.statusCode ?? 502, upstreamResponse.headers);
      upstreamResponse.pipe(res);
    },
  );
  upstream.on('error', () => {
    // Once the service's answer has begun, it is the answer: cut it short rather than append another.
    if (res.headersSent) return res.destroy();
    res.writeHead(503, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(JSON.stringify({ error: 'temporarily_unavailable', error_description: 'The service is temporarily unavailable' }));
  });
  req.pipe(upstream);
}

/**
 * The header lines as the wallet sent them, plus X-Forwarded-For. req.headers would fold a repeated
 * DPoP header into one value and drop a second Authorization header, hiding what RFC 9449 Section 4.3
 * and RFC 6750 Section 3.1 refuse behind another diagnosis.
 */
function forwardedHeaders(req: IncomingMessage): string[] {
  const forwardedFor = [req.headers['x-forwarded-for'], req.socket.remoteAddress].filter(Boolean).join(', ');
  const lines: string[] = [];
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i] as string;
    if (name.toLowerCase() !== 'x-forwarded-for') lines.push(name, req.rawHeaders[i + 1] as string);
  }
  return [...lines, 'x-forwarded-for', forwardedFor];
}

/**
 * A request the HTTP parser refused (headers over Node's 16 KiB, a malformed request line): answered
 * with a JSON error, then the rest of what the client sends is read and dropped for a moment, so the
 * connection is not reset before the client reads the answer.
 */
function refuseUnparsable(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || !socket.writable) return void socket.destroy();
  const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
  const body = JSON.stringify({ error: 'invalid_request', error_description: status === 431 ? 'The request headers are too large' : 'The request could not be parsed' });
  socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json\r\nCache-Control: no-store\r\nConnection: close\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  socket.resume();
  setTimeout(() => socket.destroy(), 2_000).unref();
}

/** Stops accepting connections, closes idle keep-alive ones, and resolves once the requests in flight are answered. */
export function closeGateway(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
  });
}
