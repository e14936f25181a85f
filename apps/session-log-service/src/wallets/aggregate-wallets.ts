import type { Session, TimelineEntry } from '@issuer/data-access-session-log';
import { sessionFeatures } from './session-features.js';

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
  features: {
    dpop_nonce_retry: number;
    batch_issuance: number;
    credential_response_encryption: number;
    key_attestation: number;
    deferred_polling: number;
    deferred_interval_honoured: number;
    deferred_interval_ignored: number;
    notifications: number;
  };
  failures: Array<{ step: string; error: string; count: number }>;
}

export interface WalletCompatibilityReport {
  sessions_considered: number;
  wallets: WalletCompatibility[];
}

const MAX_LISTED = 20;

/** Groups sessions by wallet label, most sessions first. */
export function aggregateWallets(sessions: Array<{ session: Session; entries: TimelineEntry[] }>): WalletCompatibilityReport {
  const wallets = new Map<string, WalletCompatibility>();
  for (const { session, entries } of sessions) {
    const label = session.walletLabel ?? 'unknown';
    const wallet = wallets.get(label) ?? empty(label, session.createdAt);
    wallets.set(label, wallet);
    const features = sessionFeatures(entries);
    wallet.sessions++;
    if (session.createdAt.toISOString() < wallet.first_seen) wallet.first_seen = session.createdAt.toISOString();
    if (session.updatedAt.toISOString() > wallet.last_seen) wallet.last_seen = session.updatedAt.toISOString();
    wallet.states[session.state] = (wallet.states[session.state] ?? 0) + 1;
    addDistinct(wallet.dialects, session.dialect);
    addDistinct(wallet.client_ids, session.clientId);
    addDistinct(wallet.user_agents, session.userAgent);
    const count = wallet.features;
    if (features.dpopNonceRetry) count.dpop_nonce_retry++;
    if (features.batchIssuance) count.batch_issuance++;
    if (features.credentialResponseEncryption) count.credential_response_encryption++;
    if (features.keyAttestation) count.key_attestation++;
    if (features.deferredPolling) {
      count.deferred_polling++;
      if (features.deferredPolling.honouredInterval) count.deferred_interval_honoured++;
      else count.deferred_interval_ignored++;
    }
    if (features.notifications > 0) count.notifications++;
    for (const failure of features.failures) {
      const known = wallet.failures.find((item) => item.step === failure.step && item.error === failure.error);
      if (known) known.count++;
      else wallet.failures.push({ ...failure, count: 1 });
    }
  }
  for (const wallet of wallets.values()) wallet.failures.sort((a, b) => b.count - a.count || a.step.localeCompare(b.step) || a.error.localeCompare(b.error));
  return {
    sessions_considered: sessions.length,
    wallets: [...wallets.values()].sort((a, b) => b.sessions - a.sessions || a.wallet_label.localeCompare(b.wallet_label)),
  };
}

function empty(label: string, seen: Date): WalletCompatibility {
  return {
    wallet_label: label,
    sessions: 0,
    first_seen: seen.toISOString(),
    last_seen: seen.toISOString(),
    states: {},
    dialects: [],
    client_ids: [],
    user_agents: [],
    features: { dpop_nonce_retry: 0, batch_issuance: 0, credential_response_encryption: 0, key_attestation: 0, deferred_polling: 0, deferred_interval_honoured: 0, deferred_interval_ignored: 0, notifications: 0 },
    failures: [],
  };
}

function addDistinct(list: string[], value: string | null): void {
  if (value && !list.includes(value) && list.length < MAX_LISTED) list.push(value);
}
