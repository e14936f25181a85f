import { Inject, Injectable } from '@nestjs/common';
import { commands, parseCommand } from '@issuer/contracts-events';
import type { AuthRepository } from '@issuer/data-access-auth';
import type { Envelope } from '@issuer/contracts-events';
import { AUTH_REPOSITORY } from '../auth-repository.provider.js';

/** The offer-service registers each pre-authorized code here before it shows the offer. */
@Injectable()
export class RegisterPreAuthorizedCodeHandler {
  readonly subject = commands.registerPreAuthorizedCode;

  constructor(@Inject(AUTH_REPOSITORY) private readonly repository: AuthRepository) {}

  async handle(envelope: Envelope): Promise<{ ok: true }> {
    const command = parseCommand(commands.registerPreAuthorizedCode, envelope);
    await this.repository.registerPreAuthorizedCode({
      codeHash: command.codeHash,
      sessionId: command.sessionId,
      issuanceId: command.issuanceId,
      credentialConfigurationIds: command.credentialConfigurationIds,
      txCodeHash: command.txCodeHash,
      maxTxCodeAttempts: command.maxTxCodeAttempts,
      expiresAt: new Date(command.expiresAt),
      compatibilityProfile: command.compatibilityProfile ?? null,
      requireKeyAttestation: command.requireKeyAttestation ?? false,
      requireWalletAttestation: command.requireWalletAttestation ?? false,
      testBehaviours: command.testBehaviours ?? null,
    });
    return { ok: true };
  }
}
