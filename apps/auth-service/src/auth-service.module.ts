import { ModuleRef } from '@nestjs/core';
import { Inject, Module, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { AuthRepository } from '@issuer/data-access-auth';
import { COMMAND_BUS, OutboxRelay, PLATFORM_CONFIG, type CommandBus, type PlatformConfig } from '@issuer/nest';
import { AUTH_OUTBOX, AUTH_REPOSITORY, authRepositoryProviders } from './auth-repository.provider.js';
import { AuthorizationRequests } from './authorization/authorization-requests.js';
import { AuthorizeController } from './authorization/authorize.controller.js';
import { DirectPostController } from './authorization/direct-post.controller.js';
import { HolderAuthentication } from './authorization/holder-authentication.js';
import { PushedAuthorizationRequestController } from './authorization/pushed-authorization-request.controller.js';
import { END_USER_LOGIN } from './authorization/end-user-login.js';
import { OpenIdProviderLogin } from './authorization/openid-provider-login.js';
import { PasswordLogin } from './authorization/password-login.js';
import { ChallengeController } from './client/challenge.controller.js';
import { ClientAuthentication, walletAttestationTrustProvider } from './client/client-authentication.js';
import { RegisterIssuerStateHandler } from './commands/register-issuer-state.handler.js';
import { RegisterPreAuthorizedCodeHandler } from './commands/register-pre-authorized-code.handler.js';
import { WithdrawIssuanceHandler } from './commands/withdraw-issuance.handler.js';
import { AuthorizationServerMetadataController } from './metadata/authorization-server-metadata.controller.js';
import { AuthorizationCodeGrant } from './token/authorization-code-grant.js';
import { ExchangeToken } from './token/exchange-token.js';
import { RefreshTokenGrant } from './token/refresh-token-grant.js';
import { TokenController } from './token/token.controller.js';

/** The OAuth authorization server: AS metadata, JWKS, PAR, authorization and token endpoints (ARCHITECTURE.md "Shape"). */
@Module({
  controllers: [TokenController, AuthorizationServerMetadataController, PushedAuthorizationRequestController, AuthorizeController, DirectPostController, ChallengeController],
  providers: [
    ...authRepositoryProviders,
    ExchangeToken,
    AuthorizationCodeGrant,
    RefreshTokenGrant,
    AuthorizationRequests,
    HolderAuthentication,
    walletAttestationTrustProvider,
    ClientAuthentication,
    // An operator's OpenID Provider replaces the built-in login page when configured.
    { provide: END_USER_LOGIN, inject: [PLATFORM_CONFIG, ModuleRef], useFactory: (config: PlatformConfig, modules: ModuleRef) => (config.loginOpenIdProvider ? modules.create(OpenIdProviderLogin) : new PasswordLogin()) },
    RegisterPreAuthorizedCodeHandler,
    RegisterIssuerStateHandler,
    WithdrawIssuanceHandler,
  ],
})
export class AuthServiceModule implements OnModuleInit, OnApplicationShutdown {
  private stops: Array<() => Promise<void>> = [];

  constructor(
    @Inject(AUTH_REPOSITORY) private readonly repository: AuthRepository,
    @Inject(AUTH_OUTBOX) private readonly outbox: OutboxRelay,
    @Inject(COMMAND_BUS) private readonly commands: CommandBus,
    private readonly registerCode: RegisterPreAuthorizedCodeHandler,
    private readonly registerIssuerState: RegisterIssuerStateHandler,
    private readonly withdrawIssuance: WithdrawIssuanceHandler,
  ) {}

  async onModuleInit(): Promise<void> {
    const handlers = [
      await this.commands.handle(this.registerCode.subject, (envelope) => this.registerCode.handle(envelope)),
      await this.commands.handle(this.registerIssuerState.subject, (envelope) => this.registerIssuerState.handle(envelope)),
      await this.commands.handle(this.withdrawIssuance.subject, (envelope) => this.withdrawIssuance.handle(envelope)),
    ];
    this.outbox.start();
    this.stops = [...handlers.map((handler) => () => handler.stop()), () => this.outbox.stop()];
  }

  async onApplicationShutdown(): Promise<void> {
    for (const stop of this.stops) await stop();
    await this.repository.close();
  }
}
