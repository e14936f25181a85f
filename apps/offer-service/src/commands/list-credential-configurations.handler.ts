import { Inject, Injectable } from '@nestjs/common';
import { commands, parseCommand, zManagedCredentialConfigurationV1, type Envelope, type ListCredentialConfigurationsReplyV1 } from '@issuer/contracts-events';
import type { OfferRepository } from '@issuer/data-access-offer';
import { LOGGER } from '@issuer/nest';
import type { Logger } from 'pino';
import { OFFER_REPOSITORY } from '../offer-repository.provider.js';

/** A starting service asks for the credential configurations the management API stored (CredentialConfigurationSync). */
@Injectable()
export class ListCredentialConfigurationsHandler {
  readonly subject = commands.listCredentialConfigurations;

  constructor(
    @Inject(OFFER_REPOSITORY) private readonly repository: OfferRepository,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  async handle(envelope: Envelope): Promise<ListCredentialConfigurationsReplyV1> {
    parseCommand(commands.listCredentialConfigurations, envelope);
    const configurations: ListCredentialConfigurationsReplyV1['configurations'] = [];
    for (const stored of await this.repository.listCredentialConfigurations()) {
      const parsed = zManagedCredentialConfigurationV1.safeParse(stored);
      if (parsed.success) configurations.push(parsed.data);
      else this.log.error({ credential_configuration_id: stored.id, issues: parsed.error.issues.map(({ path, message }) => `${path.join('.')}: ${message}`) }, 'stored credential configuration no longer valid; left out');
    }
    return { configurations };
  }
}
