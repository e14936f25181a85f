import { credentialRequestDenied, invalidTransactionId } from '@issuer/protocol-errors';

/** What the issuer knows about a transaction_id when a wallet presents it. */
export interface DeferredTransactionState {
  /** The issuance session the transaction was created in. */
  sessionId: string;
  /** The credentials were delivered. */
  redeemed: boolean;
  /** The claims of the transaction's credential configuration are there to issue. */
  ready: boolean;
  /** The operator's reason, when the issuance was denied. */
  denialReason: string | null;
}

/**
 * OID4VCI 1.0 Sections 9.2 and 9.3: `ready` to issue now, `pending` to answer 202 again; otherwise
 * `invalid_transaction_id` (unknown, another session's, or already used to obtain the credentials)
 * or `credential_request_denied` (the issuer can no longer issue).
 */
export function checkDeferredTransaction(transactionId: string, state: DeferredTransactionState | null, context: { sessionId: string }): 'ready' | 'pending' {
  // An id of another session reads as unknown: the wallet learns nothing about other sessions.
  if (!state || state.sessionId !== context.sessionId) {
    throw invalidTransactionId({
      reason: `transaction_id ${transactionId} was not issued in this session.`,
      help: 'Send the transaction_id from the 202 response of the credential endpoint, with an access token of the same session.',
      specRef: 'OID4VCI 1.0 Section 9.3',
    });
  }
  if (state.redeemed) {
    throw invalidTransactionId({
      reason: `transaction_id ${transactionId} was already used to obtain its credentials.`,
      help: 'A transaction_id delivers its credentials once; request new credentials at the credential endpoint.',
      specRef: 'OID4VCI 1.0 Section 9.1',
    });
  }
  if (state.denialReason !== null) {
    throw credentialRequestDenied({
      reason: `The issuer denied this issuance: ${state.denialReason}`,
      help: 'Stop polling this transaction_id; the credential will not be issued (contact the issuer).',
      specRef: 'OID4VCI 1.0 Section 9.3',
    });
  }
  return state.ready ? 'ready' : 'pending';
}
