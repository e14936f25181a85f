import { Inject, Injectable } from '@nestjs/common';
import { commands, parseCommand, type Envelope, type SetCredentialStatusReplyV1, type SetCredentialStatusV1 } from '@issuer/contracts-events';
import type { CredentialRepository } from '@issuer/data-access-credential';
import { StatusType } from '@issuer/formats';
import { CREDENTIAL_REPOSITORY } from '../credential-repository.provider.js';

// Token Status List Section 7.1: revocation is INVALID for good; reinstating clears a suspension.
const STATUS_TYPES: Record<SetCredentialStatusV1['status'], number> = { revoked: StatusType.INVALID, suspended: StatusType.SUSPENDED, valid: StatusType.VALID };

/** The offer-service's management API revokes, suspends or reinstates the credentials of an issuance here. */
@Injectable()
export class SetCredentialStatusHandler {
  readonly subject = commands.setCredentialStatus;

  constructor(@Inject(CREDENTIAL_REPOSITORY) private readonly repository: CredentialRepository) {}

  async handle(envelope: Envelope): Promise<SetCredentialStatusReplyV1> {
    const command = parseCommand(commands.setCredentialStatus, envelope);
    if (!(await this.repository.hasCredentialStatus({ issuanceId: command.issuanceId }))) return { outcome: 'no_credentials' };
    return { outcome: await this.repository.setCredentialStatus({ issuanceId: command.issuanceId }, STATUS_TYPES[command.status], []) };
  }
}
