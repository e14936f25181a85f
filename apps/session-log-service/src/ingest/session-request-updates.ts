import type { SessionRequestUpdate } from '@issuer/data-access-session-log';
import type { IngestedEntry } from './otlp-logs-to-entries.js';

/**
 * Error responses that are part of a working exchange, not a failure: the DPoP nonce challenge
 * (RFC 9449 Sections 8 and 9) and deferred issuance not ready yet (OID4VCI 1.0 Section 9.3).
 */
export const flowControlErrors = new Set(['use_dpop_nonce', 'issuance_pending', 'authorization_pending', 'slow_down']);

const responded = /^Responded (\d{3})$/;

/** The step of an issuance an endpoint is, as in the session state `failed_at_<step>`. */
export function stepOf(endpoint: string): string {
  if (endpoint.startsWith('/credential-offers/')) return 'offer';
  if (endpoint.startsWith('/authorize')) return 'authorize';
  if (endpoint.startsWith('/.well-known/')) return 'metadata';
  return endpoint.replace(/^\/+/, '').split('/')[0]?.replace(/[^a-z0-9_]/gi, '_') || 'unknown';
}

/**
 * What the wallet-facing requests of a batch tell about their sessions: the wallet (User-Agent,
 * attested wallet_name, client_id), the draft dialect, and `failed_at_<step>` when the wallet got an
 * error response. Derived at ingest because every service's responses reach the timeline, while
 * only successes are events.
 */
export function sessionRequestUpdatesOf(entries: IngestedEntry[]): SessionRequestUpdate[] {
  const updates: SessionRequestUpdate[] = [];
  for (const entry of entries) {
    if (!entry.sessionId || !entry.endpoint || entry.endpoint.startsWith('/admin/')) continue;
    const data = (typeof entry.data === 'object' && entry.data !== null ? entry.data : {}) as Record<string, unknown>;
    const failedState = failedStateOf(entry, data);
    const walletName = typeof data['wallet_name'] === 'string' ? data['wallet_name'] : null;
    if (!failedState && !walletName && !entry.userAgent && !entry.clientId && !entry.dialect) continue;
    updates.push({ sessionId: entry.sessionId, time: entry.time, failedState, userAgent: entry.userAgent, walletName, clientId: entry.clientId, dialect: entry.dialect });
  }
  return updates;
}

function failedStateOf(entry: IngestedEntry, data: Record<string, unknown>): string | null {
  const status = Number(responded.exec(entry.message)?.[1] ?? 0);
  if (status < 400) return null;
  const body = data['body'] as Record<string, unknown> | undefined;
  if (typeof body?.['error'] === 'string' && flowControlErrors.has(body['error'])) return null;
  return `failed_at_${stepOf(entry.endpoint ?? '')}`;
}
