export type ServiceName = 'offer-service' | 'auth-service' | 'credential-service' | 'deferred-service' | 'session-log-service';

export interface Route {
  /** A path, or a path prefix when it ends with `/`. */
  path: string;
  service: ServiceName;
}

/**
 * Which service owns which public path (ARCHITECTURE.md principle 5). The embedded platform, the
 * distributed gateway and the mesh's VirtualService all route from this one table. The OTLP
 * receiver (`/v1/logs`) is internal: services and the collector reach the session-log service directly.
 */
export const routeTable: readonly Route[] = [
  { path: '/admin/v1/issuances', service: 'offer-service' },
  { path: '/admin/v1/issuances/', service: 'offer-service' },
  { path: '/admin/v1/credential-configurations', service: 'offer-service' },
  { path: '/admin/v1/credential-configurations/', service: 'offer-service' },
  { path: '/admin/v1/webhooks', service: 'offer-service' },
  { path: '/admin/v1/webhooks/', service: 'offer-service' },
  { path: '/admin/v1/api-keys', service: 'offer-service' },
  { path: '/admin/v1/api-keys/', service: 'offer-service' },
  { path: '/admin/v1/openapi.json', service: 'offer-service' },
  { path: '/admin/docs', service: 'offer-service' },
  { path: '/admin/docs/', service: 'offer-service' },
  { path: '/credential-offers/', service: 'offer-service' },
  { path: '/.well-known/oauth-authorization-server', service: 'auth-service' },
  { path: '/.well-known/openid-configuration', service: 'auth-service' },
  { path: '/token', service: 'auth-service' },
  { path: '/par', service: 'auth-service' },
  { path: '/authorize', service: 'auth-service' },
  { path: '/authorize/callback', service: 'auth-service' },
  { path: '/direct_post', service: 'auth-service' },
  { path: '/challenge', service: 'auth-service' },
  { path: '/jwks', service: 'auth-service' },
  { path: '/.well-known/openid-credential-issuer', service: 'credential-service' },
  { path: '/.well-known/jwt-vc-issuer', service: 'credential-service' },
  { path: '/nonce', service: 'credential-service' },
  { path: '/credential', service: 'credential-service' },
  { path: '/notification', service: 'credential-service' },
  { path: '/admin/v1/trust-anchors', service: 'credential-service' },
  { path: '/status-lists/', service: 'credential-service' },
  { path: '/vct/', service: 'credential-service' },
  { path: '/deferred_credential', service: 'deferred-service' },
  { path: '/admin/v1/sessions', service: 'session-log-service' },
  { path: '/admin/v1/sessions/', service: 'session-log-service' },
  { path: '/admin/v1/requests', service: 'session-log-service' },
  { path: '/ui', service: 'session-log-service' },
  { path: '/ui/', service: 'session-log-service' },
  { path: '/admin/v1/wallets', service: 'session-log-service' },
  { path: '/session-log/v1/shared/', service: 'session-log-service' },
];

export function serviceForPath(path: string): ServiceName | undefined {
  return routeTable.find((route) => (route.path.endsWith('/') ? path.startsWith(route.path) : path === route.path))?.service;
}
