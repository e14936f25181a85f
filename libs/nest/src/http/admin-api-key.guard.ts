import { createHash, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { unauthorized } from '@issuer/protocol-errors';
import type { FastifyRequest } from 'fastify';
import type { PlatformConfig } from '../config/platform-config.js';
import { PLATFORM_CONFIG } from '../infrastructure/tokens.js';

/** The management API takes `Authorization: Bearer <ADMIN_API_KEY>`, compared in constant time. */
@Injectable()
export class AdminApiKeyGuard implements CanActivate {
  private readonly expected: Buffer;

  constructor(@Inject(PLATFORM_CONFIG) config: PlatformConfig) {
    if (!config.adminApiKey) throw new Error('ADMIN_API_KEY is not configured');
    this.expected = digest(config.adminApiKey);
  }

  canActivate(ctx: ExecutionContext): boolean {
    const request = ctx.switchToHttp().getRequest<FastifyRequest>();
    const header = request.headers.authorization ?? '';
    const match = /^Bearer\s+(.+)$/i.exec(header);
    if (!match?.[1] || !timingSafeEqual(digest(match[1]), this.expected)) {
      throw unauthorized({
        reason: match ? 'The API key does not match.' : 'No API key was sent.',
        help: 'Send the management API key as `Authorization: Bearer <ADMIN_API_KEY>`.',
        specRef: 'RFC 6750 Section 2.1',
        headers: { 'WWW-Authenticate': 'Bearer realm="admin"' },
      });
    }
    return true;
  }
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
