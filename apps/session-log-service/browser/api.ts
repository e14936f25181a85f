import { text, toSession, type SessionSummary } from './session-shape.js';

export type { SessionSummary };

/**
 * Every call the pages make, in one place: the management API (`Authorization: Bearer <key>`, the
 * key kept in sessionStorage for this tab only) and the share-link API, which takes no key.
 */

export interface Entry {
  id: string;
  time: string;
  level: string;
  endpoint: string | null;
  message: string;
  data: unknown;
  traceId: string | null;
  spanId: string | null;
  clientId: string | null;
  userAgent: string | null;
  /** The request the entry belongs to: what `#request-{id}` and a wallet error's `error_uri` name. */
  requestId: string | null;
}

export interface SessionEvent {
  id: string;
  type: string;
  occurredAt: string;
  data: unknown;
}

export interface Timeline {
  session: SessionSummary | null;
  entries: Entry[];
  events: SessionEvent[];
  /** On a share link's answer: what the link shares, a whole session or one request. */
  shared: { kind: 'session' | 'request'; id: string } | null;
}

export type Failure = {
  ok: false;
  /** `unavailable`: this issuer does not serve the route (yet); `unauthorized`: no key, or one the API refused. */
  kind: 'unauthorized' | 'forbidden' | 'not-found' | 'unavailable' | 'invalid' | 'error';
  status: number;
  reason?: string;
  help?: string;
  specRef?: string;
};
export type Result<T> = { ok: true; value: T } | Failure;

const KEY = 'issuer.admin-api-key';

export const apiKey = {
  get: (): string | null => sessionStorage.getItem(KEY),
  set: (key: string): void => sessionStorage.setItem(KEY, key.trim()),
  clear: (): void => sessionStorage.removeItem(KEY),
};

export async function listSessions(query: { state?: string; limit?: number }): Promise<Result<SessionSummary[]>> {
  const params = new URLSearchParams({ limit: String(query.limit ?? 500) });
  if (query.state) params.set('state', query.state);
  const result = await call<{ items: unknown[] }>(`/admin/v1/sessions?${params}`);
  return result.ok ? { ok: true, value: result.value.items.map(toSession) } : result;
}

export async function getTimeline(sessionId: string): Promise<Result<Timeline>> {
  return toTimelineResult(await call<RawTimeline>(`/admin/v1/sessions/${encodeURIComponent(sessionId)}`));
}

export async function getSharedTimeline(token: string): Promise<Result<Timeline>> {
  return toTimelineResult(await call<RawTimeline>(`/session-log/v1/shared/${encodeURIComponent(token)}`, { authenticated: false }));
}

/** How one wallet (by its label) fared across the sessions considered; feature counts are sessions. */
export interface WalletCompatibility {
  wallet_label: string;
  sessions: number;
  first_seen: string;
  last_seen: string;
  states: Record<string, number>;
  dialects: string[];
  client_ids: string[];
  user_agents: string[];
  features: Record<string, number>;
  failures: Array<{ step: string; error: string; count: number }>;
}

export interface WalletCompatibilityReport {
  sessions_considered: number;
  wallets: WalletCompatibility[];
}

export async function listWallets(): Promise<Result<WalletCompatibilityReport>> {
  const result = await call<Partial<WalletCompatibilityReport>>('/admin/v1/wallets');
  if (!result.ok) return result;
  return { ok: true, value: { sessions_considered: result.value.sessions_considered ?? 0, wallets: Array.isArray(result.value.wallets) ? result.value.wallets : [] } };
}

export type ExportFormat = 'har' | 'sh';

/** Where a timeline's exports come from: the management API (with the key) or a share link (without). */
export type ExportSource = { kind: 'session'; sessionId: string } | { kind: 'shared'; token: string };

export async function downloadExport(source: ExportSource, format: ExportFormat): Promise<Result<Blob>> {
  return source.kind === 'session'
    ? call(`/admin/v1/sessions/${encodeURIComponent(source.sessionId)}/export.${format}`, { as: 'blob' })
    : call(`/session-log/v1/shared/${encodeURIComponent(source.token)}/export.${format}`, { as: 'blob', authenticated: false });
}

/** `POST /admin/v1/sessions/{id}/verbose-capture`: 1 to 240 minutes on, 0 off. */
export async function setVerboseCapture(sessionId: string, minutes: number): Promise<Result<{ session_id: string; verbose_capture_until: string | null }>> {
  return call(`/admin/v1/sessions/${encodeURIComponent(sessionId)}/verbose-capture`, { method: 'POST', body: JSON.stringify({ minutes }) });
}

/** `POST /admin/v1/issuances/{id}/claims` (OID4VCI 1.0 Section 9): the claims a deferred issuance waits for. */
export async function supplyClaims(issuanceId: string, credentialConfigurationId: string, claims: unknown): Promise<Result<Record<string, unknown>>> {
  return call(`/admin/v1/issuances/${encodeURIComponent(issuanceId)}/claims`, {
    method: 'POST',
    body: JSON.stringify({ credentials: [{ credential_configuration_id: credentialConfigurationId, claims }] }),
  });
}

interface CallOptions {
  method?: string;
  body?: string;
  authenticated?: boolean;
  as?: 'json' | 'blob';
}

async function call<T>(path: string, options: CallOptions = {}): Promise<Result<T>> {
  const headers: Record<string, string> = { accept: options.as === 'blob' ? '*/*' : 'application/json' };
  if (options.body) headers['content-type'] = 'application/json';
  if (options.authenticated !== false) {
    const key = apiKey.get();
    if (!key) return { ok: false, kind: 'unauthorized', status: 0, reason: 'No API key entered yet.' };
    headers['authorization'] = `Bearer ${key}`;
  }
  let response: Response;
  try {
    response = await fetch(path, { method: options.method ?? 'GET', headers, body: options.body, cache: 'no-store' });
  } catch (error) {
    return { ok: false, kind: 'error', status: 0, reason: `The issuer did not answer: ${(error as Error).message}` };
  }
  if (response.ok) return { ok: true, value: (options.as === 'blob' ? await response.blob() : await response.json()) as T };
  const problem = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  const reason = typeof problem['reason'] === 'string' ? problem['reason'] : typeof problem['error_description'] === 'string' ? problem['error_description'] : undefined;
  return {
    ok: false,
    kind: failureKind(response.status, typeof problem['reason'] === 'string' ? problem['reason'] : undefined),
    status: response.status,
    reason,
    help: typeof problem['help'] === 'string' ? problem['help'] : undefined,
    specRef: typeof problem['spec_ref'] === 'string' ? problem['spec_ref'] : undefined,
  };
}

// A route the issuer does not have answers 404 with Nest's "Cannot GET …" or the gateway's bare not_found.
function failureKind(status: number, reason: string | undefined): Failure['kind'] {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404 || status === 405) return !reason || /^Cannot [A-Z]+ /.test(reason) ? 'unavailable' : 'not-found';
  if (status === 400 || status === 409 || status === 422) return 'invalid';
  return 'error';
}

interface RawTimeline {
  session: unknown;
  entries: unknown[];
  events: unknown[];
  share_url?: unknown;
  shared?: { kind?: unknown; session_id?: unknown; request_id?: unknown };
}

function toTimelineResult(result: Result<RawTimeline>): Result<Timeline> {
  if (!result.ok) return result;
  const raw = result.value;
  return {
    ok: true,
    value: {
      // The management API gives the share link beside the session, not in it.
      session: raw.session ? { ...toSession(raw.session), shareUrl: text(raw.share_url) ?? toSession(raw.session).shareUrl } : null,
      shared: sharedOf(raw.shared),
      entries: (raw.entries ?? []).map((entry) => {
        const e = entry as Record<string, unknown>;
        return { id: text(e['id']) ?? '', time: text(e['time']) ?? '', level: text(e['level']) ?? 'info', endpoint: text(e['endpoint']), message: text(e['message']) ?? '', data: e['data'] ?? null, traceId: text(e['traceId'] ?? e['trace_id']), spanId: text(e['spanId'] ?? e['span_id']), clientId: text(e['clientId'] ?? e['client_id']), userAgent: text(e['userAgent'] ?? e['user_agent']), requestId: text(e['requestId'] ?? e['request_id']) };
      }),
      events: (raw.events ?? []).map((event) => {
        const e = event as Record<string, unknown>;
        return { id: text(e['id']) ?? '', type: text(e['type']) ?? '', occurredAt: text(e['occurredAt'] ?? e['occurred_at']) ?? '', data: e['data'] ?? null };
      }),
    },
  };
}

function sharedOf(shared: RawTimeline['shared']): Timeline['shared'] {
  if (!shared) return null;
  if (shared.kind === 'request' && typeof shared.request_id === 'string') return { kind: 'request', id: shared.request_id };
  if (shared.kind === 'session' && typeof shared.session_id === 'string') return { kind: 'session', id: shared.session_id };
  return null;
}
