import { Inject, Injectable } from '@nestjs/common';
import { commands, parseCommand, type Envelope, type WithdrawIssuanceReplyV1 } from '@issuer/contracts-events';
import type { AuthRepository } from '@issuer/data-access-auth';
import { AUTH_REPOSITORY } from '../auth-repository.provider.js';

/** The offer-service withdraws a deleted issuance's grants before it forgets the issuance: a wallet redeeming them then gets invalid_grant. */
@Injectable()
export class WithdrawIssuanceHandler {
  readonly subject = commands.withdrawIssuance;

  constructor(@Inject(AUTH_REPOSITORY) private readonly repository: AuthRepository) {}

  async handle(envelope: Envelope): Promise<WithdrawIssuanceReplyV1> {
    const command = parseCommand(commands.withdrawIssuance, envelope);
    await this.repository.withdrawIssuance(command.sessionId);
    return { ok: true };
  }
}
