/** What identifies a wallet in the field, as far as its requests tell. */
export interface WalletClues {
  /** `wallet_name` of its wallet attestation (OAuth 2.0 Attestation-Based Client Authentication). */
  walletName?: string | null;
  userAgent?: string | null;
  clientId?: string | null;
}

const MAX_LABEL = 64;

/**
 * One short, stable label per wallet for grouping sessions and metrics: the attested wallet name,
 * else the User-Agent's first product token without its version (RFC 9110 Section 10.1.5), else
 * the client_id, else "unknown".
 */
export function walletLabel(clues: WalletClues): string {
  const label = clues.walletName?.trim() || productOf(clues.userAgent) || clues.clientId?.trim() || 'unknown';
  return label.length > MAX_LABEL ? label.slice(0, MAX_LABEL) : label;
}

function productOf(userAgent: string | null | undefined): string | undefined {
  const first = userAgent?.trim().split(/\s+/)[0];
  if (!first) return undefined;
  const product = first.split('/')[0];
  return product || undefined;
}
