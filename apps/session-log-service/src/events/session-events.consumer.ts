import { Inject, Injectable } from '@nestjs/common';
import { subjects, type Envelope } from '@issuer/contracts-events';
import type { NewSessionEvent, SessionLogRepository } from '@issuer/data-access-session-log';
import { SESSION_LOG_REPOSITORY } from '../session-log-repository.provider.js';

/** The session state a tester sees, named after the last thing the wallet achieved. */
const states: Record<string, string> = {
  [subjects.offerCreated]: 'offer_created',
  [subjects.offerRetrieved]: 'offer_retrieved',
  [subjects.tokenIssued]: 'token_issued',
  [subjects.credentialIssued]: 'credential_issued',
  [subjects.credentialDeferred]: 'credential_deferred',
  [subjects.claimsSupplied]: 'claims_supplied',
  [subjects.credentialDenied]: 'issuance_denied',
  [subjects.credentialAcked]: 'credential_acked',
  [subjects.credentialAccepted]: 'credential_accepted',
  [subjects.credentialDeleted]: 'credential_deleted',
  [subjects.credentialFailure]: 'credential_failure',
  [subjects.issuanceDeleted]: 'issuance_deleted',
};

/** Where a session ends: a wallet's later error response does not make it `failed_at_<step>`. */
export const finalSessionStates = ['issuance_denied', 'credential_accepted', 'credential_deleted', 'credential_failure', 'issuance_deleted'];

@Injectable()
export class SessionEventsConsumer {
  readonly durable = 'session-log-events';
  readonly subjects = Object.keys(states);

  constructor(@Inject(SESSION_LOG_REPOSITORY) private readonly repository: SessionLogRepository) {}

  async handle(envelopes: Envelope[]): Promise<void> {
    await this.repository.recordEvents(envelopes.flatMap((envelope) => (envelope.sessionId ? [toSessionEvent(envelope, envelope.sessionId)] : [])));
  }
}

function toSessionEvent(envelope: Envelope, sessionId: string): NewSessionEvent {
  const data = (envelope.data ?? {}) as { issuanceId?: string; grantType?: string; credentialConfigurationIds?: string[]; verboseCaptureUntil?: string };
  return {
    id: envelope.id,
    sessionId,
    type: envelope.type.replace(/^issuance\./, '').replace(/\./g, '_'),
    occurredAt: new Date(envelope.occurredAt),
    data: envelope.data ?? {},
    session: {
      sessionId,
      state: states[envelope.type] ?? 'unknown',
      issuanceId: data.issuanceId,
      grantType: data.grantType,
      credentialConfigurationIds: data.credentialConfigurationIds,
      verboseCaptureUntil: data.verboseCaptureUntil ? new Date(data.verboseCaptureUntil) : null,
    },
  };
}
