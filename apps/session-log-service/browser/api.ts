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

/** `GET /admin/v1/wallets`: per-wallet aggregates, shown as they come. */
export async function listWallets(): Promise<Result<Array<Record<string, unknown>>>> {
  const result = await call<unknown>('/admin/v1/wallets');
  if (!result.ok) return result;
  const value = result.value as { items?: unknown } | unknown[];
  const rows = Array.isArray(value) ? value : Array.isArray(value?.items) ? value.items : [];
  return { ok: true, value: rows.filter((row): row is Record<string, unknown> => typeof row === 'object' && row !== null) };
}

export type ExportFormat = 'har' | 'sh';

export async function downloadExport(sessionId: string, format: ExportFormat): Promise<Result<Blob>> {
  return call(`/admin/v1/sessions/${encodeURIComponent(sessionId)}/export.${format}`, { as: 'blob' });
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
}

function toTimelineResult(result: Result<RawTimeline>): Result<Timeline> {
  if (!result.ok) return result;
  const raw = result.value;
  return {
    ok: true,
    value: {
      session: raw.session ? toSession(raw.session) : null,
      entries: (raw.entries ?? []).map((entry) => {
        const e = entry as Record<string, unknown>;
        return { id: text(e['id']) ?? '', time: text(e['time']) ?? '', level: text(e['level']) ?? 'info', endpoint: text(e['endpoint']), message: text(e['message']) ?? '', data: e['data'] ?? null, traceId: text(e['traceId'] ?? e['trace_id']), spanId: text(e['spanId'] ?? e['span_id']), clientId: text(e['clientId'] ?? e['client_id']), userAgent: text(e['userAgent'] ?? e['user_agent']) };
      }),
      events: (raw.events ?? []).map((event) => {
        const e = event as Record<string, unknown>;
        return { id: text(e['id']) ?? '', type: text(e['type']) ?? '', occurredAt: text(e['occurredAt'] ?? e['occurred_at']) ?? '', data: e['data'] ?? null };
      }),
    },
  };
}
