import { Controller, Get, Header, Inject } from '@nestjs/common';
import type { Database } from '@issuer/data-access-runtime';
import { DATABASE } from '../infrastructure/tokens.js';

/** Liveness and readiness: ready only when the database answers. */
@Controller('health')
export class HealthController {
  constructor(@Inject(DATABASE) private readonly database: Database) {}

  @Get('live')
  @Header('Cache-Control', 'no-store')
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  @Header('Cache-Control', 'no-store')
  async ready() {
    await this.database.ping();
    return { status: 'ok' };
  }
}
