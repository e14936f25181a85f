/** What the pages read of a session, whichever casing the API gives it in. */
export interface SessionSummary {
  id: string;
  state: string;
  grantType: string | null;
  credentialConfigurationIds: string[];
  issuanceId: string | null;
  createdAt: string | null;
  updatedAt: string | null;
  stateChangedAt: string | null;
  /** The short label sessions are grouped by (attested name, User-Agent product or client_id). */
  wallet: string | null;
  walletName: string | null;
  userAgent: string | null;
  clientId: string | null;
  dialect: string | null;
  /** Until when the session's timeline keeps verbose-only headers; null when off. */
  verboseCaptureUntil: string | null;
  shareUrl: string | null;
}

/** Sessions come in camelCase today; the fields added for wallets and sharing come in snake_case. */
export function toSession(raw: unknown): SessionSummary {
  const s = raw as Record<string, unknown>;
  const pick = (...names: string[]) => text(names.map((name) => s[name]).find((value) => value !== undefined && value !== null));
  const ids = s['credentialConfigurationIds'] ?? s['credential_configuration_ids'];
  return {
    id: pick('id', 'session_id') ?? '',
    state: pick('state') ?? 'unknown',
    grantType: pick('grantType', 'grant_type'),
    credentialConfigurationIds: Array.isArray(ids) ? ids.map(String) : [],
    issuanceId: pick('issuanceId', 'issuance_id'),
    createdAt: pick('createdAt', 'created_at'),
    updatedAt: pick('updatedAt', 'updated_at'),
    stateChangedAt: pick('stateChangedAt', 'state_changed_at'),
    wallet: pick('walletLabel', 'wallet_label', 'wallet'),
    walletName: pick('wallet_name', 'walletName'),
    userAgent: pick('user_agent', 'userAgent'),
    clientId: pick('client_id', 'clientId'),
    dialect: pick('dialect'),
    verboseCaptureUntil: pick('verboseCaptureUntil', 'verbose_capture_until'),
    shareUrl: pick('share_url', 'shareUrl'),
  };
}

export function text(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
}
