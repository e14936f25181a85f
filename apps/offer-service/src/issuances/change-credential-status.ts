import { Inject, Injectable } from '@nestjs/common';
import type { zCredentialStatusChanged } from '@issuer/contracts-routes';
import type { z } from 'zod';
import { commands, createEnvelope, type SetCredentialStatusReplyV1 } from '@issuer/contracts-events';
import type { Issuance, IssuanceCredentialStatus, OfferRepository } from '@issuer/data-access-offer';
import { COMMAND_BUS, currentTraceparent, type CommandBus, type RequestTimeline } from '@issuer/nest';
import { conflict, notFound, temporarilyUnavailable } from '@issuer/protocol-errors';
import { OFFER_REPOSITORY } from '../offer-repository.provider.js';

export type CredentialStatusChange = 'revoke' | 'suspend' | 'reinstate';

const TARGET: Record<CredentialStatusChange, { command: 'revoked' | 'suspended' | 'valid'; record: IssuanceCredentialStatus }> = {
  revoke: { command: 'revoked', record: 'revoked' },
  suspend: { command: 'suspended', record: 'suspended' },
  reinstate: { command: 'valid', record: 'operational' },
};

/**
 * Revokes, suspends or reinstates the credentials of an issuance: the credential-service changes
 * their entries in the status lists verifiers fetch (Token Status List Section 7.1), then the record
 * shows it.
 */
@Injectable()
export class ChangeCredentialStatus {
  constructor(
    @Inject(OFFER_REPOSITORY) private readonly repository: OfferRepository,
    @Inject(COMMAND_BUS) private readonly commandBus: CommandBus,
  ) {}

  async execute(id: string, change: CredentialStatusChange, timeline: RequestTimeline): Promise<{ id: string; credential_status: IssuanceCredentialStatus; changed: boolean }> {
    const issuance = await this.find(id);
    timeline.setSession(issuance.sessionId);
    if (issuance.credentialStatus === 'revoked' && change !== 'revoke') {
      throw conflict({
        reason: `The credentials of issuance ${id} are revoked; revocation is final.`,
        help: 'Issue the credential again in a new issuance.',
        specRef: 'Token Status List Section 7.1',
      });
    }
    const target = TARGET[change];
    const command = createEnvelope({ traceparent: currentTraceparent(), type: commands.setCredentialStatus, version: 1, sessionId: issuance.sessionId, data: { issuanceId: id, status: target.command } });
    const reply = await this.request(command);
    if (reply.outcome === 'no_credentials') {
      throw conflict({
        reason: `Issuance ${id} has no credential with a status list entry yet (status ${issuance.status}).`,
        help: 'Change the status once the wallet has received the credential.',
        specRef: 'Token Status List Section 6.1',
      });
    }
    await this.repository.recordCredentialStatus(id, target.record);
    timeline.info(`Credentials ${target.record}`, { issuance_id: id, credential_status: target.record, changed: reply.outcome === 'changed' });
    return { id, credential_status: target.record, changed: reply.outcome === 'changed' } satisfies z.infer<typeof zCredentialStatusChanged>;
  }

  private async find(id: string): Promise<Issuance> {
    const issuance = await this.repository.findIssuance(id);
    if (!issuance) throw notFound({ reason: `No issuance with id ${id}.`, help: 'Use the id returned when the issuance was created.' });
    return issuance;
  }

  private async request(command: ReturnType<typeof createEnvelope>): Promise<SetCredentialStatusReplyV1> {
    try {
      return await this.commandBus.request<SetCredentialStatusReplyV1>(commands.setCredentialStatus, command, { timeoutMs: 5000 });
    } catch (cause) {
      throw temporarilyUnavailable({ reason: 'The credential-service did not confirm the status change.', help: 'Retry the request; it is idempotent.', cause });
    }
  }
}
