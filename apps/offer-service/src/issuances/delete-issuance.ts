import { Inject, Injectable } from '@nestjs/common';
import { commands, createEnvelope, subjects, type WithdrawIssuanceReplyV1 } from '@issuer/contracts-events';
import type { OfferRepository } from '@issuer/data-access-offer';
import { COMMAND_BUS, OutboxRelay, currentTraceparent, type CommandBus, type RequestTimeline } from '@issuer/nest';
import { notFound, temporarilyUnavailable } from '@issuer/protocol-errors';
import { OFFER_OUTBOX, OFFER_REPOSITORY } from '../offer-repository.provider.js';

const NOT_FOUND_HELP = 'Use the id returned when the issuance was created; a deleted issuance is gone.';

/**
 * `DELETE /admin/v1/issuances/{id}`: the authorization server withdraws the offer's grants first
 * (a wallet redeeming them gets invalid_grant), then the issuance and its offer go (the
 * credential_offer_uri answers 404). Credentials already issued keep their status: revoke them first.
 */
@Injectable()
export class DeleteIssuance {
  constructor(
    @Inject(OFFER_REPOSITORY) private readonly repository: OfferRepository,
    @Inject(OFFER_OUTBOX) private readonly outbox: OutboxRelay,
    @Inject(COMMAND_BUS) private readonly commandBus: CommandBus,
  ) {}

  async execute(id: string, timeline: RequestTimeline): Promise<void> {
    const issuance = await this.repository.findIssuance(id);
    if (!issuance) throw notFound({ reason: `No issuance with id ${id}.`, help: NOT_FOUND_HELP });
    timeline.setSession(issuance.sessionId);
    await this.withdraw(issuance.sessionId, id);

    const event = createEnvelope({ traceparent: currentTraceparent(), type: subjects.issuanceDeleted, version: 1, sessionId: issuance.sessionId, data: { issuanceId: id } });
    const events = [{ subject: event.type, envelope: event }];
    if (!(await this.repository.deleteIssuance(id, events))) throw notFound({ reason: `No issuance with id ${id}.`, help: NOT_FOUND_HELP });
    void this.outbox.publishCommitted(events);
    timeline.info('Issuance deleted by the issuer', { issuance_id: id, status: issuance.status, credential_status: issuance.credentialStatus });
  }

  private async withdraw(sessionId: string, issuanceId: string): Promise<void> {
    const command = createEnvelope({ traceparent: currentTraceparent(), type: commands.withdrawIssuance, version: 1, sessionId, data: { sessionId, issuanceId } });
    try {
      await this.commandBus.request<WithdrawIssuanceReplyV1>(commands.withdrawIssuance, command, { timeoutMs: 5000 });
    } catch (cause) {
      throw temporarilyUnavailable({ reason: 'The authorization server did not confirm that the offer’s grants were withdrawn.', help: 'Retry the request; nothing was deleted.', cause });
    }
  }
}
