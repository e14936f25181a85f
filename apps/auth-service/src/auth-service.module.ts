import { Inject, Module, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { AuthRepository } from '@issuer/data-access-auth';
import { COMMAND_BUS, OutboxRelay, type CommandBus } from '@issuer/nest';
import { AUTH_OUTBOX, AUTH_REPOSITORY, authRepositoryProviders } from './auth-repository.provider.js';
import { RegisterPreAuthorizedCodeHandler } from './commands/register-pre-authorized-code.handler.js';
import { AuthorizationServerMetadataController } from './metadata/authorization-server-metadata.controller.js';
import { ExchangeToken } from './token/exchange-token.js';
import { TokenController } from './token/token.controller.js';

/** The OAuth authorization server: AS metadata, JWKS, token endpoint (ARCHITECTURE.md "Shape"). */
@Module({
  controllers: [TokenController, AuthorizationServerMetadataController],
  providers: [...authRepositoryProviders, ExchangeToken, RegisterPreAuthorizedCodeHandler],
})
export class AuthServiceModule implements OnModuleInit, OnApplicationShutdown {
  private stops: Array<() => Promise<void>> = [];

  constructor(
    @Inject(AUTH_REPOSITORY) private readonly repository: AuthRepository,
    @Inject(AUTH_OUTBOX) private readonly outbox: OutboxRelay,
    @Inject(COMMAND_BUS) private readonly commands: CommandBus,
    private readonly registerCode: RegisterPreAuthorizedCodeHandler,
  ) {}

  async onModuleInit(): Promise<void> {
    const handler = await this.commands.handle(this.registerCode.subject, (envelope) => this.registerCode.handle(envelope));
    this.outbox.start();
    this.stops = [() => handler.stop(), () => this.outbox.stop()];
  }

  async onApplicationShutdown(): Promise<void> {
    for (const stop of this.stops) await stop();
    await this.repository.close();
  }
}
