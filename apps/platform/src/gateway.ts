import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { serviceForPath, type ServiceName } from '@issuer/contracts-routes';

/**
 * The distributed mode's single entry point: routes by path exactly as the mesh's VirtualService
 * does, from the same route table, and keeps the Host so every service sees the public URL.
 */
export function startGateway(port: number, host: string, upstreams: Record<ServiceName, URL>): Promise<Server> {
  const server = createServer((req, res) => forward(req, res, upstreams));
  server.keepAliveTimeout = 65_000;
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
  const forwardedFor = [req.headers['x-forwarded-for'], req.socket.remoteAddress].filter(Boolean).join(', ');
  const upstream = httpRequest(
    { host: upstreams[service].hostname, port: upstreams[service].port, method: req.method, path: req.url, headers: { ...req.headers, 'x-forwarded-for': forwardedFor } },
    (upstreamResponse) => {
      res.writeHead(upstreamResponse.statusCode ?? 502, upstreamResponse.headers);
      upstreamResponse.pipe(res);
    },
  );
  upstream.on('error', () => {
    if (!res.headersSent) res.writeHead(503, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(JSON.stringify({ error: 'temporarily_unavailable', error_description: 'The service is temporarily unavailable' }));
  });
  req.pipe(upstream);
}
