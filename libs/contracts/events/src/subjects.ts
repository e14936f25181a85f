/** Events: JetStream subjects of the `ISSUANCE` stream; each is also the envelope `type`. */
export const subjects = {
  offerCreated: 'issuance.offer.created',
  offerRetrieved: 'issuance.offer.retrieved',
  tokenIssued: 'issuance.token.issued',
  credentialIssued: 'issuance.credential.issued',
  credentialDeferred: 'issuance.credential.deferred',
  credentialAccepted: 'issuance.credential.accepted',
  credentialDeleted: 'issuance.credential.deleted',
  credentialFailure: 'issuance.credential.failure',
  requestFailed: 'issuance.request.failed',
} as const;

/** Commands: core NATS request-reply subjects; each is also the envelope `type` of the request. */
export const commands = {
  registerPreAuthorizedCode: 'cmd.auth.register-pre-authorized-code',
  registerIssuerState: 'cmd.auth.register-issuer-state',
  createAuthorizedIssuance: 'cmd.offer.create-authorized-issuance',
  getCredentialClaims: 'cmd.offer.get-credential-claims',
  setCredentialStatus: 'cmd.credential.set-credential-status',
} as const;

export type EventSubject = (typeof subjects)[keyof typeof subjects];
export type CommandSubject = (typeof commands)[keyof typeof commands];
