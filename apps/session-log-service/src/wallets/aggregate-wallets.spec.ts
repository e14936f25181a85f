import { describe, expect, it } from '@jest/globals';
import type { Session, TimelineEntry } from '@issuer/data-access-session-log';
import { aggregateWallets } from './aggregate-wallets.js';
import { sessionFeatures } from './session-features.js';

const at = (ms: number) => new Date(Date.UTC(2026, 11, 2, 12) + ms);
let next = 0;

/** A request and its response as timeline-hooks.ts records them. */
function exchange(sessionId: string, startMs: number, method: string, url: string, body: unknown, status: number, responseBody: unknown, durationMs = 5): TimelineEntry[] {
  const requestId = `req-${++next}`;
  const base = { sessionId, level: 'debug', endpoint: url.split('?')[0] ?? url, traceId: null, spanId: null, clientId: null, ip: null, userAgent: null, requestId };
  return [
    { ...base, id: String(++next), time: at(startMs), message: `${method} ${url} received`, data: { method, url, headers: { 'content-type': 'application/json' }, body, request_id: requestId } },
    { ...base, id: String(++next), time: at(startMs + durationMs), message: `Responded ${status}`, data: { status, headers: {}, body: responseBody, duration_ms: durationMs, request_id: requestId } },
  ];
}

const jwt = (header: Record<string, unknown>) => `${Buffer.from(JSON.stringify(header)).toString('base64url')}.e30.sig`;

function session(id: string, overrides: Partial<Session> = {}): Session {
  return { id, issuanceId: null, state: 'credential_issued', stateChangedAt: at(0), grantType: null, credentialConfigurationIds: [], userAgent: null, walletName: null, clientId: null, walletLabel: 'WalletKit', dialect: null, verboseCaptureUntil: null, createdAt: at(0), updatedAt: at(1000), ...overrides };
}

describe('sessionFeatures', () => {
  it('sees a DPoP nonce retry, a batch, response encryption, a key attestation and notifications', () => {
    const entries = [
      ...exchange('s', 0, 'POST', '/token', {}, 400, { error: 'use_dpop_nonce' }),
      ...exchange('s', 10, 'POST', '/token', {}, 200, { access_token: '<present, len=40>' }),
      ...exchange('s', 20, 'POST', '/credential', { proofs: { jwt: [jwt({ typ: 'openid4vci-proof+jwt', key_attestation: 'eyJ' }), jwt({ typ: 'openid4vci-proof+jwt' })] }, credential_response_encryption: { enc: 'A128GCM' } }, 200, {}),
      ...exchange('s', 30, 'POST', '/notification', { event: 'credential_accepted' }, 204, undefined),
      ...exchange('s', 40, 'POST', '/credential', { proof: { proof_type: 'jwt', jwt: jwt({}) } }, 400, { error: 'invalid_proof' }),
    ];
    expect(sessionFeatures(entries)).toEqual({
      dpopNonceRetry: true,
      batchIssuance: true,
      credentialResponseEncryption: true,
      keyAttestation: true,
      deferredPolling: null,
      notifications: 1,
      failures: [{ step: 'credential', error: 'invalid_proof' }],
    });
  });

  it('sees none of them in a plain single issuance, and a nonce challenge never retried is no retry', () => {
    const entries = [
      ...exchange('s', 0, 'POST', '/token', {}, 400, { error: 'use_dpop_nonce' }),
      ...exchange('s', 20, 'POST', '/credential', { proofs: { jwt: [jwt({})] } }, 401, { error: 'invalid_token' }),
    ];
    expect(sessionFeatures(entries)).toMatchObject({ dpopNonceRetry: false, batchIssuance: false, credentialResponseEncryption: false, keyAttestation: false, notifications: 0, failures: [{ step: 'credential', error: 'invalid_token' }] });
  });

  it('tells whether deferred polling waited the interval the issuer gave (OID4VCI 1.0 Section 9)', () => {
    const deferred = exchange('s', 0, 'POST', '/credential', {}, 202, { transaction_id: 't', interval: 2 });
    const patient = [...deferred, ...exchange('s', 2_010, 'POST', '/deferred_credential', {}, 400, { error: 'issuance_pending', interval: 2 }), ...exchange('s', 4_100, 'POST', '/deferred_credential', {}, 200, {})];
    const eager = [...deferred, ...exchange('s', 2_010, 'POST', '/deferred_credential', {}, 400, { error: 'issuance_pending', interval: 2 }), ...exchange('s', 2_500, 'POST', '/deferred_credential', {}, 200, {})];
    expect(sessionFeatures(patient).deferredPolling).toEqual({ polls: 2, honouredInterval: true });
    expect(sessionFeatures(eager).deferredPolling).toEqual({ polls: 2, honouredInterval: false });
    expect(sessionFeatures(eager).failures).toEqual([]);
  });
});

describe('aggregateWallets', () => {
  it('groups sessions by wallet label with states, dialects, features and failures counted per session', () => {
    const report = aggregateWallets([
      { session: session('a', { dialect: 'draft-13', clientId: 'c1' }), entries: [...exchange('a', 0, 'POST', '/token', {}, 400, { error: 'invalid_grant' })] },
      { session: session('b', { state: 'failed_at_token', dialect: 'oid4vci-1.0' }), entries: [...exchange('b', 0, 'POST', '/token', {}, 400, { error: 'invalid_grant' }), ...exchange('b', 10, 'POST', '/notification', {}, 204, undefined)] },
      { session: session('c', { walletLabel: null }), entries: [] },
    ]);
    expect(report.sessions_considered).toBe(3);
    expect(report.wallets.map((wallet) => [wallet.wallet_label, wallet.sessions])).toEqual([['WalletKit', 2], ['unknown', 1]]);
    expect(report.wallets[0]).toMatchObject({
      states: { credential_issued: 1, failed_at_token: 1 },
      dialects: ['draft-13', 'oid4vci-1.0'],
      client_ids: ['c1'],
      features: { notifications: 1, dpop_nonce_retry: 0, deferred_polling: 0 },
      failures: [{ step: 'token', error: 'invalid_grant', count: 2 }],
    });
  });
});
