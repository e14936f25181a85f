import { Inject, Module, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { CredentialRepository } from '@issuer/data-access-credential';
import { OutboxRelay } from '@issuer/nest';
import { CredentialController } from './credential/credential.controller.js';
import { IssueCredential } from './credential/issue-credential.js';
import { CREDENTIAL_OUTBOX, CREDENTIAL_REPOSITORY, credentialRepositoryProviders } from './credential-repository.provider.js';
import { IssuerMetadataController } from './metadata/issuer-metadata.controller.js';
import { NonceController } from './nonce/nonce.controller.js';
import { NotificationController } from './notification/notification.controller.js';
import { ReceiveNotification } from './notification/receive-notification.js';
import { TrustAnchorsController } from './trust/trust-anchors.controller.js';

/** Issuer metadata, /nonce, /credential and /notification (OID4VCI 1.0 Sections 7, 8, 11, 12.2). */
@Module({
  controllers: [IssuerMetadataController, NonceController, CredentialController, NotificationController, TrustAnchorsController],
  providers: [...credentialRepositoryProviders, IssueCredential, ReceiveNotification],
})
export class CredentialServiceModule implements OnModuleInit, OnApplicationShutdown {
  constructor(
    @Inject(CREDENTIAL_REPOSITORY) private readonly repository: CredentialRepository,
    @Inject(CREDENTIAL_OUTBOX) private readonly outbox: OutboxRelay,
  ) {}

  onModuleInit(): void {
    this.outbox.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.outbox.stop();
    await this.repository.close();
  }
}
