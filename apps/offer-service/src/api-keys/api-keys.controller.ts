import { Body, Controller, Delete, Get, Header, HttpCode, Inject, Param, Post, UseGuards } from '@nestjs/common';
import { zCreateApiKeyRequest } from '@issuer/contracts-routes';
import type { OfferRepository } from '@issuer/data-access-offer';
import { AdminApiKeyGuard, ApiKeyAuthenticator, RequireScope, parseWithSchema } from '@issuer/nest';
import { notFound } from '@issuer/protocol-errors';
import { OFFER_REPOSITORY } from '../offer-repository.provider.js';
import { createApiKey, listApiKeys, revokeApiKey } from './manage-api-keys.js';

/** Management API keys: created with scopes, shown once, listed without secrets, revoked. */
@Controller('admin/v1/api-keys')
@UseGuards(AdminApiKeyGuard)
@RequireScope('admin')
export class ApiKeysController {
  constructor(
    @Inject(OFFER_REPOSITORY) private readonly repository: OfferRepository,
    private readonly authenticator: ApiKeyAuthenticator,
  ) {}

  @Post()
  @HttpCode(201)
  @Header('Cache-Control', 'no-store')
  create(@Body() body: unknown) {
    const request = parseWithSchema(zCreateApiKeyRequest, body, {
      what: 'API key request',
      help: 'Send { "name": "...", "scopes": ["read" | "write" | "admin", ...] }.',
    });
    return createApiKey(this.repository, request);
  }

  @Get()
  list() {
    return listApiKeys(this.repository);
  }

  @Delete(':id')
  @HttpCode(200)
  async revoke(@Param('id') id: string) {
    const revoked = await revokeApiKey(this.repository, id);
    if (!revoked) throw notFound({ reason: `No API key with id ${id}.`, help: 'Use an id from GET /admin/v1/api-keys.' });
    this.authenticator.forget(id);
    return revoked;
  }
}
