import { Inject, Module, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { CredentialRepository } from '@issuer/data-access-credential';
import { COMMAND_BUS, CredentialEncryption, OutboxRelay, type CommandBus } from '@issuer/nest';
import { CredentialController } from './credential/credential.controller.js';
import { keyAttestationTrustProvider } from './credential/key-attestation-trust.js';
import { CredentialClaims } from './credential/credential-claims.js';
import { RejectFirstProof } from './credential/credential-test-behaviours.js';
import { DeferCredential } from './credential/defer-credential.js';
import { IssueCredential } from './credential/issue-credential.js';
import { SignCredentials } from './credential/sign-credentials.js';
import { IssueDeferredCredentialHandler } from './deferred/issue-deferred-credential.handler.js';
import { CREDENTIAL_OUTBOX, CREDENTIAL_REPOSITORY, credentialRepositoryProviders } from './credential-repository.provider.js';
import { IssuerMetadataController } from './metadata/issuer-metadata.controller.js';
import { NonceController } from './nonce/nonce.controller.js';
import { NotificationController } from './notification/notification.controller.js';
import { ReceiveNotification } from './notification/receive-notification.js';
import { SetCredentialStatusHandler } from './status/set-credential-status.handler.js';
import { StatusListController } from './status/status-list.controller.js';
import { TrustAnchorsController } from './trust/trust-anchors.controller.js';
import { TypeMetadataController } from './type-metadata/type-metadata.controller.js';
import { typeMetadataProvider } from './type-metadata/type-metadata.provider.js';

/** Issuer metadata, SD-JWT VC type metadata, /nonce, /credential and /notification (OID4VCI 1.0 Sections 7, 8, 11, 12.2). */
@Module({
  controllers: [IssuerMetadataController, TypeMetadataController, NonceController, CredentialController, NotificationController, TrustAnchorsController, StatusListController],
  providers: [
    ...credentialRepositoryProviders,
    keyAttestationTrustProvider,
    typeMetadataProvider,
    CredentialClaims,
    SignCredentials,
    DeferCredential,
    RejectFirstProof,
    IssueCredential,
    CredentialEncryption,
    ReceiveNotification,
    SetCredentialStatusHandler,
    IssueDeferredCredentialHandler,
  ],
})
export class CredentialServiceModule implements OnModuleInit, OnApplicationShutdown {
  constructor(
    @Inject(CREDENTIAL_REPOSITORY) private readonly repository: CredentialRepository,
    @Inject(CREDENTIAL_OUTBOX) private readonly outbox: OutboxRelay,
    @Inject(COMMAND_BUS) private readonly commands: CommandBus,
    private readonly setStatus: SetCredentialStatusHandler,
    private readonly issueDeferred: IssueDeferredCredentialHandler,
  ) {}

  private stopHandlers: Array<() => Promise<void>> = [];

  async onModuleInit(): Promise<void> {
    const status = await this.commands.handle(this.setStatus.subject, (envelope) => this.setStatus.handle(envelope));
    const deferred = await this.commands.handle(this.issueDeferred.subject, (envelope) => this.issueDeferred.handle(envelope));
    this.stopHandlers = [() => status.stop(), () => deferred.stop()];
    this.outbox.start();
  }

  async onApplicationShutdown(): Promise<void> {
    for (const stop of this.stopHandlers) await stop();
    await this.outbox.stop();
    await this.repository.close();
  }
}
