/** pending → redeemed (credentials delivered). */
export type DeferredStatus = 'pending' | 'redeemed';

/** OID4VCI 1.0 Section 9: a credential the wallet collects later with its transaction_id. */
export interface NewDeferredTransaction {
  transactionId: string;
  sessionId: string;
  issuanceId: string;
  credentialConfigurationId: string;
  /** The holder keys from the key proofs, to bind the credentials to once issued. */
  holderJwks: object[];
  /** The deferred_ready_after test behaviour: ready from then on unless the issuance is denied; null or absent otherwise. */
  readyAt?: Date | null;
}

export interface DeferredTransaction extends NewDeferredTransaction {
  status: DeferredStatus;
  createdAt: Date;
  redeemedAt: Date | null;
  readyAt: Date | null;
  /** When the signed credentials went to the wallet. */
  deliveredAt: Date | null;
  /** The claims of its credential configuration were supplied (or its readyAt passed) and the issuance is not denied. */
  ready: boolean;
  /** The operator's reason, when the issuance was denied. */
  denialReason: string | null;
}
