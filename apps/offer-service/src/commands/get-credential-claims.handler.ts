import { Inject, Injectable } from '@nestjs/common';
import { commands, parseCommand, type Envelope } from '@issuer/contracts-events';
import type { OfferRepository } from '@issuer/data-access-offer';
import { OFFER_REPOSITORY } from '../offer-repository.provider.js';

/** The credential-service asks for the claims of a session when it signs (ARCHITECTURE.md step 5). */
@Injectable()
export class GetCredentialClaimsHandler {
  readonly subject = commands.getCredentialClaims;

  constructor(@Inject(OFFER_REPOSITORY) private readonly repository: OfferRepository) {}

  async handle(envelope: Envelope) {
    const command = parseCommand(commands.getCredentialClaims, envelope);
    const issuance = await this.repository.findIssuanceBySessionId(command.sessionId);
    if (!issuance) return { error: 'not_found' as const };
    return { issuanceId: issuance.id, credentials: issuance.credentials as Array<{ credential_configuration_id: string; claims: Record<string, unknown> }> };
  }
}
