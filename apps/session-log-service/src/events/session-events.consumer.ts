import { Inject, Injectable } from '@nestjs/common';
import { subjects, type Envelope } from '@issuer/contracts-events';
import type { SessionLogRepository } from '@issuer/data-access-session-log';
import { SESSION_LOG_REPOSITORY } from '../session-log-repository.provider.js';

/** The session state a tester sees, named after the last thing the wallet achieved. */
const states: Record<string, string> = {
  [subjects.offerCreated]: 'offer_created',
  [subjects.offerRetrieved]: 'offer_retrieved',
  [subjects.tokenIssued]: 'token_issued',
  [subjects.credentialIssued]: 'credential_issued',
  [subjects.credentialDeferred]: 'credential_deferred',
  [subjects.credentialAccepted]: 'credential_accepted',
  [subjects.credentialDeleted]: 'credential_deleted',
  [subjects.credentialFailure]: 'credential_failure',
};

@Injectable()
export class SessionEventsConsumer {
  readonly durable = 'session-log-events';
  readonly subjects = Object.keys(states);

  constructor(@Inject(SESSION_LOG_REPOSITORY) private readonly repository: SessionLogRepository) {}

  async handle(envelope: Envelope): Promise<void> {
    if (!envelope.sessionId) return;
    const data = (envelope.data ?? {}) as { issuanceId?: string; grantType?: string; credentialConfigurationIds?: string[] };
    await this.repository.recordEvents([
      {
        id: envelope.id,
        sessionId: envelope.sessionId,
        type: envelope.type.replace(/^issuance\./, '').replace(/\./g, '_'),
        occurredAt: new Date(envelope.occurredAt),
        data: envelope.data ?? {},
        session: {
          sessionId: envelope.sessionId,
          state: states[envelope.type] ?? 'unknown',
          issuanceId: data.issuanceId,
          grantType: data.grantType,
          credentialConfigurationIds: data.credentialConfigurationIds,
        },
      },
    ]);
  }
}
