import { subjects, type KnownEnvelope } from '@issuer/contracts-events';

/**
 * The issuance events webhooks can subscribe to, by the name operators use (the issuance statuses
 * where there is one), with the event data as delivered. Offer ids and codes stay out: they are
 * the wallet's.
 */
export const webhookEventNames = {
  [subjects.offerCreated]: 'offer_created',
  [subjects.offerRetrieved]: 'offer_received',
  [subjects.tokenIssued]: 'token_issued',
  [subjects.credentialDeferred]: 'credential_deferred',
  [subjects.claimsSupplied]: 'claims_supplied',
  [subjects.credentialIssued]: 'credential_issued',
  [subjects.credentialDenied]: 'issuance_denied',
  [subjects.credentialAcked]: 'credential_acked',
  [subjects.credentialAccepted]: 'credential_accepted',
  [subjects.credentialDeleted]: 'credential_deleted',
  [subjects.credentialFailure]: 'credential_failure',
  [subjects.issuanceDeleted]: 'issuance_deleted',
} as const;

export type WebhookEventSubject = keyof typeof webhookEventNames;
export type WebhookEventName = (typeof webhookEventNames)[WebhookEventSubject];

export const WEBHOOK_EVENTS = Object.values(webhookEventNames) as [WebhookEventName, ...WebhookEventName[]];
export const webhookEventSubjects = Object.keys(webhookEventNames) as WebhookEventSubject[];

export interface WebhookEvent {
  name: WebhookEventName;
  issuanceId: string | null;
  data: Record<string, unknown>;
}

/** The webhook event an envelope becomes, or null for one no webhook can subscribe to. */
export function toWebhookEvent(envelope: KnownEnvelope): WebhookEvent | null {
  switch (envelope.type) {
    case subjects.offerCreated:
      return event(envelope.type, envelope.data.issuanceId, { credential_configuration_ids: envelope.data.credentialConfigurationIds, grant_type: envelope.data.grantType });
    case subjects.offerRetrieved:
      return event(envelope.type, envelope.data.issuanceId, {});
    case subjects.tokenIssued:
      return event(envelope.type, envelope.data.issuanceId, {
        grant_type: envelope.data.grantType,
        credential_configuration_ids: envelope.data.credentialConfigurationIds,
        dpop_bound: envelope.data.dpopBound,
        ...(envelope.data.clientId !== undefined && { client_id: envelope.data.clientId }),
      });
    case subjects.credentialDeferred:
      return event(envelope.type, envelope.data.issuanceId, { credential_configuration_id: envelope.data.credentialConfigurationId });
    case subjects.claimsSupplied:
      return event(envelope.type, envelope.data.issuanceId, { credential_configuration_ids: envelope.data.credentialConfigurationIds });
    case subjects.credentialIssued:
      return event(envelope.type, envelope.data.issuanceId, {
        credential_configuration_id: envelope.data.credentialConfigurationId,
        format: envelope.data.format,
        count: envelope.data.count,
        deferred: envelope.data.transactionId !== undefined,
      });
    case subjects.credentialDenied:
      return event(envelope.type, envelope.data.issuanceId, { reason: envelope.data.reason });
    case subjects.credentialAcked:
      return event(envelope.type, envelope.data.issuanceId, { credential_configuration_id: envelope.data.credentialConfigurationId });
    case subjects.issuanceDeleted:
      return event(envelope.type, envelope.data.issuanceId, {});
    case subjects.credentialAccepted:
    case subjects.credentialDeleted:
    case subjects.credentialFailure:
      return event(envelope.type, envelope.data.issuanceId ?? null, envelope.data.description === undefined ? {} : { event_description: envelope.data.description });
    default:
      return null;
  }
}

function event(subject: WebhookEventSubject, issuanceId: string | null, data: Record<string, unknown>): WebhookEvent {
  return { name: webhookEventNames[subject], issuanceId, data };
}
