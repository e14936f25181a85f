import { Inject, Injectable } from '@nestjs/common';
import { commands, parseCommand, type Envelope } from '@issuer/contracts-events';
import type { AuthRepository } from '@issuer/data-access-auth';
import { AUTH_REPOSITORY } from '../auth-repository.provider.js';

/** The offer-service registers the issuer_state of each authorization code offer before it shows the offer. */
@Injectable()
export class RegisterIssuerStateHandler {
  readonly subject = commands.registerIssuerState;

  constructor(@Inject(AUTH_REPOSITORY) private readonly repository: AuthRepository) {}

  async handle(envelope: Envelope): Promise<{ ok: true }> {
    const command = parseCommand(commands.registerIssuerState, envelope);
    await this.repository.registerIssuerState({
      issuerStateHash: command.issuerStateHash,
      sessionId: command.sessionId,
      issuanceId: command.issuanceId,
      credentialConfigurationIds: command.credentialConfigurationIds,
      compatibilityProfile: command.compatibilityProfile,
      requireKeyAttestation: command.requireKeyAttestation ?? false,
      requireWalletAttestation: command.requireWalletAttestation ?? false,
      testBehaviours: command.testBehaviours ?? null,
      expiresAt: new Date(command.expiresAt),
    });
    return { ok: true };
  }
}
