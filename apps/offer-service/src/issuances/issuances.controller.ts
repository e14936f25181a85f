import { Body, Controller, Delete, Get, Header, HttpCode, Inject, Param, Post, Query, UseGuards } from '@nestjs/common';
import type { OfferRepository } from '@issuer/data-access-offer';
import { AdminApiKeyGuard, PLATFORM_CONFIG, Timeline, type PlatformConfig, type RequestTimeline } from '@issuer/nest';
import { notFound } from '@issuer/protocol-errors';
import { OFFER_REPOSITORY } from '../offer-repository.provider.js';
import { ChangeCredentialStatus } from './change-credential-status.js';
import { CreateIssuance } from './create-issuance.js';
import { DeleteIssuance } from './delete-issuance.js';
import { DenyIssuance } from './deny-issuance.js';
import { issuanceResource } from './issuance-resource.js';
import { ListIssuances } from './list-issuances.js';
import { offerLinks } from './offer-links.js';
import { renderOfferQrPng, renderOfferQrSvg } from './render-offer-qr.js';
import { SupplyDeferredClaims } from './supply-deferred-claims.js';

/** The management API for issuer operators. */
@Controller('admin/v1/issuances')
@UseGuards(AdminApiKeyGuard)
export class IssuancesController {
  constructor(
    private readonly createIssuance: CreateIssuance,
    private readonly changeCredentialStatus: ChangeCredentialStatus,
    private readonly supplyDeferredClaims: SupplyDeferredClaims,
    private readonly denyIssuance: DenyIssuance,
    private readonly listIssuances: ListIssuances,
    private readonly deleteIssuance: DeleteIssuance,
    @Inject(OFFER_REPOSITORY) private readonly repository: OfferRepository,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {}

  @Post()
  @HttpCode(201)
  create(@Body() body: unknown, @Timeline() timeline: RequestTimeline) {
    return this.createIssuance.execute(body, timeline);
  }

  @Get()
  list(@Query() query: unknown) {
    return this.listIssuances.execute(query);
  }

  @Get(':id')
  async get(@Param('id') id: string, @Timeline() timeline: RequestTimeline) {
    return issuanceResource(await this.findIssuance(id, timeline), this.config);
  }

  @Delete(':id')
  @HttpCode(204)
  async delete(@Param('id') id: string, @Timeline() timeline: RequestTimeline): Promise<void> {
    await this.deleteIssuance.execute(id, timeline);
  }

  // OID4VCI 1.0 Section 4.1: the offer URL as a QR code, for the holder to scan with the wallet.
  @Get(':id/qr.svg')
  @Header('Content-Type', 'image/svg+xml')
  @Header('Cache-Control', 'no-store')
  async qrSvg(@Param('id') id: string, @Timeline() timeline: RequestTimeline): Promise<string> {
    const issuance = await this.findIssuance(id, timeline);
    return renderOfferQrSvg(offerLinks(this.config.publicUrl, issuance).offer_url);
  }

  @Get(':id/qr.png')
  @Header('Content-Type', 'image/png')
  @Header('Cache-Control', 'no-store')
  async qrPng(@Param('id') id: string, @Timeline() timeline: RequestTimeline): Promise<Buffer> {
    const issuance = await this.findIssuance(id, timeline);
    return renderOfferQrPng(offerLinks(this.config.publicUrl, issuance).offer_url);
  }

  // OID4VCI 1.0 Section 9: the claims of a deferred issuance, once the issuer has them.
  @Post(':id/claims')
  @HttpCode(200)
  supplyClaims(@Param('id') id: string, @Body() body: unknown, @Timeline() timeline: RequestTimeline) {
    return this.supplyDeferredClaims.execute(id, body, timeline);
  }

  // OID4VCI 1.0 Section 9.3: the wallet gets credential_request_denied from then on.
  @Post(':id/deny')
  @HttpCode(200)
  deny(@Param('id') id: string, @Body() body: unknown, @Timeline() timeline: RequestTimeline) {
    return this.denyIssuance.execute(id, body, timeline);
  }

  // Token Status List Section 7.1: VALID, INVALID (final) and SUSPENDED in the lists verifiers fetch.
  @Post(':id/revoke')
  @HttpCode(200)
  revoke(@Param('id') id: string, @Timeline() timeline: RequestTimeline) {
    return this.changeCredentialStatus.execute(id, 'revoke', timeline);
  }

  @Post(':id/suspend')
  @HttpCode(200)
  suspend(@Param('id') id: string, @Timeline() timeline: RequestTimeline) {
    return this.changeCredentialStatus.execute(id, 'suspend', timeline);
  }

  @Post(':id/reinstate')
  @HttpCode(200)
  reinstate(@Param('id') id: string, @Timeline() timeline: RequestTimeline) {
    return this.changeCredentialStatus.execute(id, 'reinstate', timeline);
  }

  private async findIssuance(id: string, timeline: RequestTimeline) {
    const issuance = await this.repository.findIssuance(id);
    if (!issuance) throw notFound({ reason: `No issuance with id ${id}.`, help: 'Use the id returned when the issuance was created.' });
    timeline.setSession(issuance.sessionId);
    return issuance;
  }
}
