import { timingSafeEqual, createHash } from 'node:crypto';
import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { PLATFORM_CONFIG, type PlatformConfig } from '@issuer/nest';
import { unauthorized } from '@issuer/protocol-errors';
import type { FastifyRequest } from 'fastify';

const loopback = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/**
 * Timeline records are trusted input: only the platform's own services (on this host) or a
 * collector holding OTLP_INGEST_TOKEN may send them. The raw socket peer is checked, never a
 * forwarded-for header a client could forge.
 */
@Injectable()
export class OtlpIngestGuard implements CanActivate {
  constructor(@Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig) {}

  canActivate(ctx: ExecutionContext): boolean {
    const request = ctx.switchToHttp().getRequest<FastifyRequest>();
    const token = this.config.otlpIngestToken;
    if (token) {
      const presented = /^Bearer\s+(.+)$/i.exec(request.headers.authorization ?? '')?.[1] ?? '';
      if (timingSafeEqual(digest(presented), digest(token))) return true;
    } else if (loopback.has(request.raw.socket.remoteAddress ?? '')) {
      return true;
    }
    throw unauthorized({
      reason: 'Timeline records are accepted only from the platform itself or with the ingest token.',
      help: 'Send OTLP logs from the platform services, or set OTLP_INGEST_TOKEN and send it as a Bearer token.',
      specRef: 'RFC 6750 Section 2.1',
    });
  }
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
