import { Controller, Get, Header, Inject } from '@nestjs/common';
import type { Database } from '@issuer/data-access-runtime';
import { DATABASE, EVENT_BUS } from '../infrastructure/tokens.js';
import type { EventBus } from '../messaging/index.js';

/** Liveness (the process serves) and readiness: ready only while the database and the event bus (NATS) answer. */
@Controller('health')
export class HealthController {
  constructor(
    @Inject(DATABASE) private readonly database: Database,
    @Inject(EVENT_BUS) private readonly eventBus: EventBus,
  ) {}

  @Get('live')
  @Header('Cache-Control', 'no-store')
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  @Header('Cache-Control', 'no-store')
  async ready() {
    await Promise.all([this.database.ping(), this.eventBus.ping()]);
    return { status: 'ok' };
  }
}
