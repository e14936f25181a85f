import { Controller, Get, Header, Inject } from '@nestjs/common';
import type { Database } from '@issuer/data-access-runtime';
import { temporarilyUnavailable } from '@issuer/protocol-errors';
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
    const [database, eventBus] = await Promise.allSettled([this.database.ping(), this.eventBus.ping()]);
    const down = [
      ...(database.status === 'rejected' ? [`the database does not answer (${messageOf(database.reason)})`] : []),
      ...(eventBus.status === 'rejected' ? [`NATS does not answer (${messageOf(eventBus.reason)})`] : []),
    ];
    // Whatever the driver threw, not ready is 503 (RFC 9110 Section 15.6.4), never a 500.
    if (down.length > 0) {
      throw temporarilyUnavailable({ reason: `Not ready: ${down.join('; ')}.`, help: 'The service is ready again once its database and NATS answer.', headers: { 'Retry-After': '2' } });
    }
    return { status: 'ok' };
  }
}

function messageOf(reason: unknown): string {
  return reason instanceof Error ? reason.message : String(reason);
}
