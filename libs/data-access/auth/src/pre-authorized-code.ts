export interface NewPreAuthorizedCode {
  /** Hash of the pre-authorized code; the code itself is never stored. */
  codeHash: string;
  sessionId: string;
  issuanceId: string;
  credentialConfigurationIds: string[];
  /** Hash of the tx_code; null when the offer asks for none. */
  txCodeHash: string | null;
  maxTxCodeAttempts: number;
  expiresAt: Date;
  /** strict-1.0, haip or lenient when the issuance sets its own; null follows the issuer's. */
  compatibilityProfile?: string | null;
  /** The issuance asks for key attestations whatever the configuration says. */
  requireKeyAttestation?: boolean;
  /** The issuance accepts only clients authenticated by Wallet Attestation. */
  requireWalletAttestation?: boolean;
  /** The issuance's test behaviours, as the offer-service sent them; null or absent for none. */
  testBehaviours?: Record<string, unknown> | null;
}

export interface PreAuthorizedCode extends NewPreAuthorizedCode {
  txCodeAttempts: number;
  consumedAt: Date | null;
  createdAt: Date;
}
