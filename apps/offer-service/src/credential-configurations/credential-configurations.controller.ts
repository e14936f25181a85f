import { Body, Controller, Get, HttpCode, Param, Post, Put, UseGuards } from '@nestjs/common';
import { AdminApiKeyGuard, RequireScope } from '@issuer/nest';
import { ManageCredentialConfigurations } from './manage-credential-configurations.js';

/** Credential configurations as data: listed with the built-in and file ones, created, replaced, disabled and enabled. */
@Controller('admin/v1/credential-configurations')
@UseGuards(AdminApiKeyGuard)
export class CredentialConfigurationsController {
  constructor(private readonly manage: ManageCredentialConfigurations) {}

  @Get()
  list() {
    return this.manage.list();
  }

  @Get(':id')
  get(@Param('id') id: string) {
    return this.manage.get(id);
  }

  // What every wallet is offered changes with these: they need the admin scope.
  @Post()
  @HttpCode(201)
  @RequireScope('admin')
  create(@Body() body: unknown) {
    return this.manage.create(body);
  }

  @Put(':id')
  @RequireScope('admin')
  replace(@Param('id') id: string, @Body() body: unknown) {
    return this.manage.replace(id, body);
  }

  @Post(':id/disable')
  @HttpCode(200)
  @RequireScope('admin')
  disable(@Param('id') id: string) {
    return this.manage.setDisabled(id, true);
  }

  @Post(':id/enable')
  @HttpCode(200)
  @RequireScope('admin')
  enable(@Param('id') id: string) {
    return this.manage.setDisabled(id, false);
  }
}
