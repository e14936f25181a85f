export interface NewIssuedCredential {
  /** Generated when absent. */
  id?: string;
  sessionId: string;
  issuanceId: string;
  credentialConfigurationId: string;
  format: string;
  /** OID4VCI 1.0 Section 8.3: one notification_id may cover all credentials of one response. */
  notificationId: string;
  /** JWK thumbprint of the key the credential is bound to; null without cryptographic binding. */
  holderJkt: string | null;
  /** Hash of the key proof the credential was issued for; null without one. */
  proofHash: string | null;
}

export interface IssuedCredential extends Required<NewIssuedCredential> {
  createdAt: Date;
}

export type RecordIssuedResult = { ok: true } | { ok: false; reason: 'proof_reused' };

/** OID4VCI 1.0 Section 11.1: a wallet's notification about the credentials of one notification_id. */
export interface NewNotification {
  notificationId: string;
  event: string;
  description?: string | null;
}
