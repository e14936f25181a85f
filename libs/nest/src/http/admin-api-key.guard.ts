import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { insufficientScope, unauthorized } from '@issuer/protocol-errors';
import type { FastifyRequest } from 'fastify';
import { ADMIN_SCOPE_METADATA, scopeForMethod, scopesCover, type AdminScope } from '../admin/admin-scope.js';
import { ApiKeyAuthenticator } from '../admin/api-key-authenticator.js';

const failures = {
  missing: 'No API key was sent.',
  unknown: 'The API key is not one this issuer knows.',
  revoked: 'The API key was revoked.',
} as const;

/**
 * Every management API route (`/admin/v1`) takes `Authorization: Bearer <key>`: the bootstrap key
 * (ADMIN_API_KEY) or a key created through the API, whose scopes must cover the route's
 * (RFC 6750 Section 3.1: 401 invalid_token, 403 insufficient_scope).
 */
@Injectable()
export class AdminApiKeyGuard implements CanActivate {
  constructor(
    private readonly authenticator: ApiKeyAuthenticator,
    @Inject(Reflector) private readonly reflector: Reflector,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const request = ctx.switchToHttp().getRequest<FastifyRequest>();
    const required = this.reflector.getAllAndOverride<AdminScope | undefined>(ADMIN_SCOPE_METADATA, [ctx.getHandler(), ctx.getClass()]) ?? scopeForMethod(request.method);
    const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
    const check = match?.[1] ? await this.authenticator.check(match[1]) : ({ ok: false, failure: 'missing' } as const);
    if (!check.ok) {
      throw unauthorized({
        reason: failures[check.failure],
        help: 'Send a management API key as `Authorization: Bearer <key>`: ADMIN_API_KEY, or a key created with POST /admin/v1/api-keys or `npm run api-key -- create`.',
        specRef: 'RFC 6750 Section 2.1',
        headers: { 'WWW-Authenticate': check.failure === 'missing' ? 'Bearer realm="admin"' : 'Bearer realm="admin", error="invalid_token"' },
      });
    }
    if (!scopesCover(check.scopes, required)) {
      throw insufficientScope({
        reason: `The API key has the scopes ${check.scopes.join(', ')}; ${request.method} ${request.routeOptions.url ?? request.url} needs ${required}.`,
        help: `Use a key with the ${required} scope (admin covers write, write covers read).`,
        specRef: 'RFC 6750 Section 3.1',
        headers: { 'WWW-Authenticate': `Bearer realm="admin", error="insufficient_scope", scope="${required}"` },
      });
    }
    return true;
  }
}
