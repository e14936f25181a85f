import { Inject, Injectable } from '@nestjs/common';
import { createEnvelope, subjects } from '@issuer/contracts-events';
import type { OfferRepository } from '@issuer/data-access-offer';
import { CREDENTIAL_CONFIGURATIONS, OutboxRelay, PLATFORM_CONFIG, currentTraceparent, type CredentialConfigurationEntry, type CredentialConfigurations, type PlatformConfig } from '@issuer/nest';
import { conflict, notFound } from '@issuer/protocol-errors';
import type { CredentialConfiguration } from '@issuer/protocol-oid4vci';
import { OFFER_OUTBOX, OFFER_REPOSITORY } from '../offer-repository.provider.js';
import { checkCredentialConfiguration } from './check-credential-configuration.js';
import { toCredentialConfigurationResource } from './credential-configuration-resource.js';

/**
 * Creating, replacing, disabling and enabling credential configurations: each change is stored with
 * its `issuance.credential-configuration.changed` event in one statement, taken by this process at
 * once and by every other service from the event.
 */
@Injectable()
export class ManageCredentialConfigurations {
  constructor(
    @Inject(OFFER_REPOSITORY) private readonly repository: OfferRepository,
    @Inject(OFFER_OUTBOX) private readonly outbox: OutboxRelay,
    @Inject(CREDENTIAL_CONFIGURATIONS) private readonly configurations: CredentialConfigurations,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {}

  list() {
    return { credential_configurations: this.configurations.allEntries().map(toCredentialConfigurationResource) };
  }

  get(id: string) {
    return toCredentialConfigurationResource(this.existing(id));
  }

  async create(body: unknown) {
    const configuration = checkCredentialConfiguration(body, this.checkContext());
    const existing = this.configurations.entry(configuration.id);
    if (existing) {
      throw conflict({
        reason: `A credential configuration with id ${configuration.id} exists already (${existing.source}).`,
        help: `Change it with PUT /admin/v1/credential-configurations/${configuration.id}, or choose another id.`,
      });
    }
    return this.save(configuration, false, 0);
  }

  async replace(id: string, body: unknown) {
    const existing = this.existing(id);
    const configuration = checkCredentialConfiguration(body, { ...this.checkContext(), id });
    return this.save(configuration, existing.disabled, existing.revision);
  }

  async setDisabled(id: string, disabled: boolean) {
    const existing = this.existing(id);
    if (existing.disabled === disabled) return toCredentialConfigurationResource(existing);
    return this.save(existing.configuration, disabled, existing.revision);
  }

  private async save(configuration: CredentialConfiguration, disabled: boolean, after: number) {
    const change = { configuration, disabled, revision: after + 1 };
    const event = createEnvelope({ traceparent: currentTraceparent(), type: subjects.credentialConfigurationChanged, version: 1, sessionId: null, data: change });
    const events = [{ subject: event.type, envelope: event }];
    const saved = await this.repository.saveCredentialConfiguration({ id: configuration.id, configuration, disabled, revision: change.revision }, events);
    if (!saved) {
      throw conflict({
        reason: `The credential configuration ${configuration.id} was changed by another request meanwhile.`,
        help: `GET /admin/v1/credential-configurations/${configuration.id} and send the change again.`,
      });
    }
    void this.outbox.publishCommitted(events);
    this.configurations.apply(event.data);
    return toCredentialConfigurationResource(this.existing(configuration.id));
  }

  private existing(id: string): CredentialConfigurationEntry {
    const entry = this.configurations.entry(id);
    if (!entry) throw notFound({ reason: `No credential configuration with id ${id}.`, help: 'Use an id from GET /admin/v1/credential-configurations.' });
    return entry;
  }

  private checkContext() {
    return { configurations: this.configurations, credentialIssuer: this.config.publicUrl, profile: this.config.compatibilityProfile };
  }
}
