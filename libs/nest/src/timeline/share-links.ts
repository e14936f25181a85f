import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

/** What a share link opens: one session's timeline, or one request's entries (an error tied to no session yet). */
export type SharedScope = { kind: 'session'; sessionId: string } | { kind: 'request'; requestId: string };

const scopePrefix = { session: 's', request: 'r' } as const;
const idPattern = /^[A-Za-z0-9_-]{1,128}$/;

/**
 * Capability links to one session's (or one request's) timeline: `base64url(scope).base64url(HMAC-SHA256)`,
 * with a key derived from the platform secret, so no row is stored and any changed character is refused.
 */
export class ShareLinks {
  private readonly key: Buffer;

  constructor(platformSecret: string, private readonly publicUrl: string) {
    // RFC 5869: a key of its own for share links, never the secret that seals nonces.
    this.key = Buffer.from(hkdfSync('sha256', platformSecret, 'issuer-share-links', 'session timeline share link v1', 32));
  }

  tokenFor(scope: SharedScope): string {
    const payload = scope.kind === 'session' ? `${scopePrefix.session}.${scope.sessionId}` : `${scopePrefix.request}.${scope.requestId}`;
    return `${Buffer.from(payload).toString('base64url')}.${createHmac('sha256', this.key).update(payload).digest('base64url')}`;
  }

  /** The scope of a token this platform issued; null for anything else (tampered, foreign, malformed). */
  open(token: string): SharedScope | null {
    const dot = token.indexOf('.');
    if (dot <= 0 || token.length > 512) return null;
    const payload = Buffer.from(token.slice(0, dot), 'base64url').toString('utf8');
    const scope = scopeOf(payload);
    if (!scope) return null;
    const expected = Buffer.from(this.tokenFor(scope));
    const given = Buffer.from(token);
    // Comparing the whole re-encoded token also refuses a non-canonical base64url spelling of the same bytes.
    return expected.length === given.length && timingSafeEqual(expected, given) ? scope : null;
  }

  /** The web page of a shared timeline. */
  pageUrl(token: string): string {
    return `${this.publicUrl}/ui/shared/${token}`;
  }

  /** RFC 6749 Section 5.2 `error_uri`: the timeline page, at the failed request. */
  errorUri(timeline: { sessionId: string | null; requestId: string }): string {
    const scope: SharedScope = timeline.sessionId ? { kind: 'session', sessionId: timeline.sessionId } : { kind: 'request', requestId: timeline.requestId };
    return `${this.pageUrl(this.tokenFor(scope))}#request-${timeline.requestId}`;
  }
}

function scopeOf(payload: string): SharedScope | null {
  const [prefix, id, ...rest] = payload.split('.');
  if (rest.length > 0 || id === undefined || !idPattern.test(id)) return null;
  if (prefix === scopePrefix.session) return { kind: 'session', sessionId: id };
  if (prefix === scopePrefix.request) return { kind: 'request', requestId: id };
  return null;
}
