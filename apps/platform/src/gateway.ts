import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { serviceForPath, type ServiceName } from '@issuer/contracts-routes';
import { refuseUnparsableRequest } from '@issuer/nest';

/**
 * The distributed mode's single entry point: routes by path exactly as the mesh's VirtualService
 * does, from the same route table, and keeps the Host so every service sees the public URL. A body
 * over the services' limit is forwarded too, as the mesh does: the owning service refuses it (413)
 * and records the refusal, with its reason, on the timeline.
 */
export function startGateway(port: number, host: string, upstreams: Record<ServiceName, URL>): Promise<Server> {
  const server = createServer((req, res) => forward(req, res, upstreams));
  server.keepAliveTimeout = 65_000;
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => refuseUnparsableRequest(error, socket));
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

/** Stops accepting connections, closes idle keep-alive ones, and resolves once the requests in flight are answered. */
export function closeGateway(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
  });
}
