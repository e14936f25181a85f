import { describe, expect, it } from '@jest/globals';
import { protocolErrorOf } from '@issuer/testing';
import { checkDeferredTransaction, type DeferredTransactionState } from './check-deferred-transaction.js';

const state = (overrides: Partial<DeferredTransactionState> = {}): DeferredTransactionState => ({
  sessionId: 'session-1',
  redeemed: false,
  ready: false,
  denialReason: null,
  ...overrides,
});

const context = { sessionId: 'session-1' };

describe('checkDeferredTransaction (OID4VCI 1.0 Sections 9.2, 9.3)', () => {
  it('is pending until the claims are there, then ready', () => {
    expect(checkDeferredTransaction('t', state(), context)).toBe('pending');
    expect(checkDeferredTransaction('t', state({ ready: true }), context)).toBe('ready');
  });

  it('answers an unknown transaction_id and one of another session alike, with invalid_transaction_id', () => {
    const unknown = protocolErrorOf(() => checkDeferredTransaction('t', null, context));
    const foreign = protocolErrorOf(() => checkDeferredTransaction('t', state({ sessionId: 'session-2', ready: true }), context));
    expect({ error: unknown.error, status: unknown.status, specRef: unknown.specRef }).toEqual({ error: 'invalid_transaction_id', status: 400, specRef: 'OID4VCI 1.0 Section 9.3' });
    expect(foreign.error).toBe('invalid_transaction_id');
    expect(foreign.reason).toBe(unknown.reason);
  });

  it('refuses a transaction_id whose credentials were delivered with invalid_transaction_id', () => {
    const error = protocolErrorOf(() => checkDeferredTransaction('t', state({ redeemed: true, ready: true }), context));
    expect(error.error).toBe('invalid_transaction_id');
    expect(error.reason).toBe('transaction_id t was already used to obtain its credentials.');
  });

  it('refuses a denied issuance with credential_request_denied naming the operator\'s reason, even when claims were supplied', () => {
    for (const ready of [false, true]) {
      const error = protocolErrorOf(() => checkDeferredTransaction('t', state({ ready, denialReason: 'identity check failed' }), context));
      expect({ error: error.error, status: error.status }).toEqual({ error: 'credential_request_denied', status: 400 });
      expect(error.reason).toBe('The issuer denied this issuance: identity check failed');
    }
  });
});
