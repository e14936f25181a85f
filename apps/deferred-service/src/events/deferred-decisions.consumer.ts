import { Inject, Injectable } from '@nestjs/common';
import { subjects, type KnownEnvelope } from '@issuer/contracts-events';
import type { DeferredRepository } from '@issuer/data-access-deferred';
import { DEFERRED_REPOSITORY } from '../deferred-repository.provider.js';

/**
 * What the operator decides for a deferred issuance (claims supplied, issuance denied or deleted)
 * reaches the deferred credential endpoint through these events, each applied once.
 */
@Injectable()
export class DeferredDecisionsConsumer {
  readonly durable = 'deferred-service-decisions';
  readonly subjects = [subjects.claimsSupplied, subjects.credentialDenied, subjects.issuanceDeleted];

  constructor(@Inject(DEFERRED_REPOSITORY) private readonly repository: DeferredRepository) {}

  async handle(envelope: KnownEnvelope): Promise<void> {
    const { sessionId } = envelope;
    if (!sessionId) return;
    if (envelope.type === subjects.claimsSupplied) {
      const { issuanceId, credentialConfigurationIds } = envelope.data;
      await this.repository.markProcessed(this.durable, envelope.id, (tx) => tx.recordClaimsSupplied({ issuanceId, sessionId }, credentialConfigurationIds));
    } else if (envelope.type === subjects.credentialDenied) {
      const { issuanceId, reason } = envelope.data;
      await this.repository.markProcessed(this.durable, envelope.id, (tx) => tx.recordDenial({ issuanceId, sessionId }, reason));
    } else if (envelope.type === subjects.issuanceDeleted) {
      // OID4VCI 1.0 Section 9.3: nothing will be issued any more, as after a denial.
      const { issuanceId } = envelope.data;
      await this.repository.markProcessed(this.durable, envelope.id, (tx) => tx.recordDenial({ issuanceId, sessionId }, 'The issuer deleted the issuance.'));
    }
  }
}
