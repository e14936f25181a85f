import { describe, expect, it } from '@jest/globals';
import type { IngestedEntry } from './otlp-logs-to-entries.js';
import { sessionRequestUpdatesOf, stepOf } from './session-request-updates.js';

const time = new Date(Date.UTC(2026, 11, 2, 12));
const entry = (overrides: Partial<IngestedEntry>): IngestedEntry => ({
  sessionId: 'session-1',
  time,
  level: 'info',
  endpoint: '/token',
  message: 'POST /token received',
  data: {},
  traceId: null,
  spanId: null,
  clientId: null,
  ip: '127.0.0.1',
  userAgent: null,
  requestId: 'request-1',
  dialect: null,
  ...overrides,
});

describe('stepOf', () => {
  it('names the issuance step of each wallet-facing endpoint', () => {
    expect(['/credential-offers/abc', '/token', '/nonce', '/credential', '/deferred_credential', '/notification', '/authorize', '/authorize/callback', '/par'].map(stepOf)).toEqual([
      'offer', 'token', 'nonce', 'credential', 'deferred_credential', 'notification', 'authorize', 'authorize', 'par',
    ]);
  });
});

describe('sessionRequestUpdatesOf', () => {
  it('marks the session failed at the step whose response was an error', () => {
    const [update] = sessionRequestUpdatesOf([entry({ level: 'warn', endpoint: '/credential', message: 'Responded 400', data: { status: 400, body: { error: 'invalid_proof' } } })]);
    expect(update).toMatchObject({ sessionId: 'session-1', time, failedState: 'failed_at_credential' });
  });

  it('does not count the DPoP nonce challenge or a pending deferred credential as a failure', () => {
    const updates = sessionRequestUpdatesOf([
      entry({ level: 'warn', message: 'Responded 400', data: { body: { error: 'use_dpop_nonce' } } }),
      entry({ level: 'warn', endpoint: '/deferred_credential', message: 'Responded 400', data: { body: { error: 'issuance_pending' } } }),
      entry({ message: 'Responded 200', data: { body: {} } }),
    ]);
    expect(updates).toEqual([]);
  });

  it('collects the wallet clues and the dialect, and skips requests of no session and of the management API', () => {
    const updates = sessionRequestUpdatesOf([
      entry({ userAgent: 'WalletKit/2.1 (iOS)', clientId: 'wallet-client', dialect: 'draft-13', data: { wallet_name: 'Test Wallet' } }),
      entry({ sessionId: null, level: 'warn', message: 'Responded 400', userAgent: 'x' }),
      entry({ endpoint: '/admin/v1/issuances', level: 'warn', message: 'Responded 404', userAgent: 'x' }),
    ]);
    expect(updates).toEqual([
      { sessionId: 'session-1', time, failedState: null, userAgent: 'WalletKit/2.1 (iOS)', walletName: 'Test Wallet', clientId: 'wallet-client', dialect: 'draft-13' },
    ]);
  });
});
