import type { TimelineEntry } from '@issuer/data-access-session-log';

/** One request as its timeline recorded it: what was received and what was answered (both redacted). */
export interface RecordedRequest {
  requestId: string;
  startedAt: Date;
  method: string;
  /** Path and query, as received. */
  url: string;
  headers: Record<string, unknown>;
  body: unknown;
  response: { status: number; headers: Record<string, unknown>; body: unknown; durationMs: number } | null;
}

const responded = /^Responded (\d{3})$/;

/** The requests of a timeline, in the order they were received; entries of no request (events, old rows) are left out. */
export function recordedRequests(entries: TimelineEntry[]): RecordedRequest[] {
  const requests = new Map<string, RecordedRequest>();
  for (const entry of entries) {
    const data = (entry.data ?? {}) as Record<string, unknown>;
    if (!entry.requestId) continue;
    if (typeof data['method'] === 'string' && typeof data['url'] === 'string' && !requests.has(entry.requestId)) {
      requests.set(entry.requestId, {
        requestId: entry.requestId,
        startedAt: entry.time,
        method: data['method'],
        url: data['url'],
        headers: objectOf(data['headers']),
        body: data['body'],
        response: null,
      });
      continue;
    }
    const status = responded.exec(entry.message)?.[1];
    const request = requests.get(entry.requestId);
    if (status && request) {
      request.response = { status: Number(status), headers: objectOf(data['headers']), body: data['body'], durationMs: Number(data['duration_ms'] ?? 0) };
    }
  }
  return [...requests.values()];
}

function objectOf(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** A header's value as one string (Node gives repeated headers as arrays). */
export function headerText(value: unknown): string {
  return Array.isArray(value) ? value.map(String).join(', ') : String(value);
}

/** The body as it was sent: form-encoded or JSON text, per the request's content type. */
export function bodyText(body: unknown, contentType: string | undefined): string | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return body;
  if (contentType?.startsWith('application/x-www-form-urlencoded') && typeof body === 'object') {
    const form = new URLSearchParams();
    for (const [name, value] of Object.entries(body as Record<string, unknown>)) {
      for (const item of [value].flat()) form.append(name, typeof item === 'string' ? item : JSON.stringify(item));
    }
    return form.toString();
  }
  return JSON.stringify(body);
}
