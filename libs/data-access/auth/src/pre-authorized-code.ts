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
}

export interface PreAuthorizedCode extends NewPreAuthorizedCode {
  txCodeAttempts: number;
  consumedAt: Date | null;
  createdAt: Date;
}
