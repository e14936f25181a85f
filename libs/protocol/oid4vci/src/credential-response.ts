export interface CredentialResponse {
  credentials: Array<{ credential: string | Record<string, unknown> }>;
  notification_id?: string;
}

export interface DeferredIssuanceResponse {
  transaction_id: string;
  interval: number;
}

/** OID4VCI 1.0 Section 8.3: HTTP 200 with one object per issued credential. */
export function buildCredentialResponse(input: { credentials: Array<string | Record<string, unknown>>; notificationId?: string }): CredentialResponse {
  if (input.credentials.length === 0) throw new RangeError('a Credential Response carries at least one credential');
  return {
    credentials: input.credentials.map((credential) => ({ credential })),
    ...(input.notificationId !== undefined && { notification_id: input.notificationId }),
  };
}

/** OID4VCI 1.0 Section 8.3: HTTP 202 when the credential cannot be issued yet; interval is REQUIRED and positive. */
export function buildDeferredIssuanceResponse(input: { transactionId: string; interval: number }): DeferredIssuanceResponse {
  if (!(input.interval > 0)) throw new RangeError(`interval must be a positive number of seconds, got ${input.interval}`);
  return { transaction_id: input.transactionId, interval: input.interval };
}
