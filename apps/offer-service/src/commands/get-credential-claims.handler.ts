import { Inject, Injectable } from '@nestjs/common';
import { commands, parseCommand, type Envelope, type GetCredentialClaimsReplyV1 } from '@issuer/contracts-events';
import type { OfferRepository } from '@issuer/data-access-offer';
import { awaitingClaims } from '../issuances/awaiting-claims.js';
import { OFFER_REPOSITORY } from '../offer-repository.provider.js';

/** The credential-service asks for the claims of a session when it signs (ARCHITECTURE.md step 5). */
@Injectable()
export class GetCredentialClaimsHandler {
  readonly subject = commands.getCredentialClaims;

  constructor(@Inject(OFFER_REPOSITORY) private readonly repository: OfferRepository) {}

  async handle(envelope: Envelope): Promise<GetCredentialClaimsReplyV1> {
    const command = parseCommand(commands.getCredentialClaims, envelope);
    const issuance = await this.repository.findIssuanceBySessionId(command.sessionId);
    if (!issuance) return { error: 'not_found' };
    if (issuance.status === 'issuance_denied') return { issuanceId: issuance.id, credentials: [], denied: { reason: issuance.denialReason ?? '' } };
    const credentials = issuance.credentials.flatMap(({ credential_configuration_id, claims }) => (claims ? [{ credential_configuration_id, claims }] : []));
    const awaiting = awaitingClaims(issuance.credentials);
    return { issuanceId: issuance.id, credentials, ...(awaiting.length > 0 && { awaitingClaims: awaiting }) };
  }
}
