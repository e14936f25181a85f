import { timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { commands, parseCommand, type Envelope, type VerifyApiKeyReplyV1 } from '@issuer/contracts-events';
import type { OfferRepository } from '@issuer/data-access-offer';
import { OFFER_REPOSITORY } from '../offer-repository.provider.js';

/** Every service's management API guard asks the offer-service, which keeps the keys, whom a key belongs to. */
@Injectable()
export class VerifyApiKeyHandler {
  readonly subject = commands.verifyApiKey;

  constructor(@Inject(OFFER_REPOSITORY) private readonly repository: OfferRepository) {}

  async handle(envelope: Envelope): Promise<VerifyApiKeyReplyV1> {
    const { keyId, secretHash } = parseCommand(commands.verifyApiKey, envelope);
    const key = await this.repository.findApiKey(keyId);
    if (!key || !timingSafeEqual(Buffer.from(key.secretHash, 'hex'), Buffer.from(secretHash, 'hex'))) return { error: 'unknown' };
    if (key.revokedAt) return { error: 'revoked' };
    await this.repository.recordApiKeyUse(keyId, new Date());
    return { scopes: key.scopes };
  }
}
