import { Controller, Get, Header, Inject } from '@nestjs/common';
import { PLATFORM_CONFIG, type PlatformConfig } from '@issuer/nest';
import { adminOpenApiDocument } from './admin-openapi-document.js';

/**
 * The management API's OpenAPI document, without a key: it describes the API and holds no data,
 * and Swagger UI must load it before the operator enters a key.
 */
@Controller('admin/v1/openapi.json')
export class OpenApiController {
  private readonly document: string;

  constructor(@Inject(PLATFORM_CONFIG) config: PlatformConfig) {
    this.document = JSON.stringify(adminOpenApiDocument(config.publicUrl));
  }

  @Get()
  @Header('Content-Type', 'application/json; charset=utf-8')
  @Header('Cache-Control', 'no-cache')
  get() {
    return this.document;
  }
}
