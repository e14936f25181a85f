import { SetMetadata } from '@nestjs/common';

export const ADMIN_SCOPES = ['read', 'write', 'admin'] as const;
export type AdminScope = (typeof ADMIN_SCOPES)[number];

export const ADMIN_SCOPE_METADATA = 'issuer:admin-scope';

/**
 * The scope a management API route needs when the method alone does not say it: GET needs `read`,
 * anything else `write`; key management says `admin`.
 */
export const RequireScope = (scope: AdminScope) => SetMetadata(ADMIN_SCOPE_METADATA, scope);

export function scopeForMethod(method: string): AdminScope {
  return method === 'GET' || method === 'HEAD' ? 'read' : 'write';
}

/** admin implies write, write implies read. */
export function scopesCover(granted: readonly AdminScope[], required: AdminScope): boolean {
  const rank = ADMIN_SCOPES.indexOf(required);
  return granted.some((scope) => ADMIN_SCOPES.indexOf(scope) >= rank);
}
