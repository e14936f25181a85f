/** pending → ready (claims supplied) → redeemed (credential delivered). */
export type DeferredStatus = 'pending' | 'ready' | 'redeemed';

/** OID4VCI 1.0 Section 9: a credential the wallet collects later with its transaction_id. */
export interface NewDeferredTransaction {
  transactionId: string;
  sessionId: string;
  issuanceId: string;
  credentialConfigurationId: string;
  /** The holder keys from the key proofs, to bind the credentials to once issued. */
  holderJwks: object[];
}

export interface DeferredTransaction extends NewDeferredTransaction {
  status: DeferredStatus;
  /** The claims supplied for issuing; null while pending. */
  claims: Record<string, unknown> | null;
  createdAt: Date;
  readyAt: Date | null;
  redeemedAt: Date | null;
}
