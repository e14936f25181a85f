import { Inject, Injectable } from '@nestjs/common';
import { subjects, type Envelope } from '@issuer/contracts-events';
import type { OfferRepository } from '@issuer/data-access-offer';
import { OFFER_REPOSITORY } from '../offer-repository.provider.js';

/**
 * The issuance record's status follows the wallet's progress (offer_sent → offer_received →
 * [credential_deferred →] credential_issued [→ credential_acked when a deferred credential was
 * collected] → credential_accepted, credential_deleted or credential_failure as the wallet's
 * notification says, OID4VCI 1.0 Section 11); issuance_denied is final.
 */
const BEFORE_ISSUED = ['offer_sent', 'offer_received', 'credential_deferred'];
const HELD = [...BEFORE_ISSUED, 'credential_issued', 'credential_acked'];
const transitions: Record<string, { status: string; from: string[] }> = {
  [subjects.credentialDeferred]: { status: 'credential_deferred', from: ['offer_sent', 'offer_received'] },
  [subjects.credentialIssued]: { status: 'credential_issued', from: BEFORE_ISSUED },
  [subjects.credentialAcked]: { status: 'credential_acked', from: ['credential_deferred', 'credential_issued'] },
  [subjects.credentialAccepted]: { status: 'credential_accepted', from: HELD },
  [subjects.credentialDeleted]: { status: 'credential_deleted', from: HELD },
  [subjects.credentialFailure]: { status: 'credential_failure', from: HELD },
};

@Injectable()
export class IssuanceStatusConsumer {
  readonly durable = 'offer-service-issuance-status';
  readonly subjects = Object.keys(transitions);

  constructor(@Inject(OFFER_REPOSITORY) private readonly repository: OfferRepository) {}

  async handle(envelopes: Envelope[]): Promise<void> {
    const updates = envelopes.filter((envelope) => transitions[envelope.type] && envelope.sessionId);
    if (updates.length === 0) return;
    await this.repository.markProcessedBatch(this.durable, updates.map(({ id }) => id), async (tx, freshIds) => {
      const fresh = new Set(freshIds);
      const moves = updates.flatMap(({ id, type, sessionId }) => {
        const transition = transitions[type];
        return fresh.delete(id) && transition && sessionId ? [{ sessionId, status: transition.status, allowedFrom: transition.from }] : [];
      });
      await tx.moveStatuses(moves);
    });
  }
}
