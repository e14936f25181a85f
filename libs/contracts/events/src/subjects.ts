/** Events: JetStream subjects of the `ISSUANCE` stream; each is also the envelope `type`. */
export const subjects = {
  offerCreated: 'issuance.offer.created',
  offerRetrieved: 'issuance.offer.retrieved',
  tokenIssued: 'issuance.token.issued',
  credentialIssued: 'issuance.credential.issued',
  credentialDeferred: 'issuance.credential.deferred',
  /** The operator supplied the claims of a deferred issuance's credentials (OID4VCI 1.0 Section 9). */
  claimsSupplied: 'issuance.claims.supplied',
  /** The operator denied a deferred issuance: nothing more is issued in it. */
  credentialDenied: 'issuance.credential.denied',
  /** The wallet collected a credential at the Deferred Credential Endpoint (OID4VCI 1.0 Section 9.2). */
  credentialAcked: 'issuance.credential.acked',
  credentialAccepted: 'issuance.credential.accepted',
  credentialDeleted: 'issuance.credential.deleted',
  credentialFailure: 'issuance.credential.failure',
  requestFailed: 'issuance.request.failed',
  /** The management API created, replaced, disabled or enabled a credential configuration. */
  credentialConfigurationChanged: 'issuance.credential-configuration.changed',
  /** The operator deleted the issuance: its offer and grants are gone. */
  issuanceDeleted: 'issuance.deleted',
} as const;

/** Commands: core NATS request-reply subjects; each is also the envelope `type` of the request. */
export const commands = {
  registerPreAuthorizedCode: 'cmd.auth.register-pre-authorized-code',
  registerIssuerState: 'cmd.auth.register-issuer-state',
  withdrawIssuance: 'cmd.auth.withdraw-issuance',
  createAuthorizedIssuance: 'cmd.offer.create-authorized-issuance',
  getCredentialClaims: 'cmd.offer.get-credential-claims',
  verifyApiKey: 'cmd.offer.verify-api-key',
  listCredentialConfigurations: 'cmd.offer.list-credential-configurations',
  setCredentialStatus: 'cmd.credential.set-credential-status',
  createDeferredTransaction: 'cmd.deferred.create-deferred-transaction',
  issueDeferredCredential: 'cmd.credential.issue-deferred-credential',
} as const;

export type EventSubject = (typeof subjects)[keyof typeof subjects];
export type CommandSubject = (typeof commands)[keyof typeof commands];
