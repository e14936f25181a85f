import { request } from 'node:http';
import type { HttpResult } from './wallet.js';

/**
 * A POST whose header lines go out exactly as listed: a name twice, or in any case. fetch would fold
 * repeated headers into one and lower-case the names.
 */
export function postWithHeaderLines(url: string, lines: Array<[string, string]>, body: string): Promise<HttpResult> {
  const target = new URL(url);
  // Given as raw lines, node:http adds no Host header of its own.
  const headers = [['host', target.host], ...lines, ['content-length', String(Buffer.byteLength(body))]].flat();
  return new Promise((resolve, reject) => {
    const req = request({ host: target.hostname, port: target.port, path: `${target.pathname}${target.search}`, method: 'POST', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const received = new Headers();
        for (const [name, value] of Object.entries(res.headers)) if (typeof value === 'string') received.set(name, value);
        const text = Buffer.concat(chunks).toString();
        resolve({ status: res.statusCode ?? 0, headers: received, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}
