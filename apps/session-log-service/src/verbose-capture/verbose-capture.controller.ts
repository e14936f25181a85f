import { Body, Controller, HttpCode, Inject, Param, Post, UseGuards } from '@nestjs/common';
import type { SessionLogRepository } from '@issuer/data-access-session-log';
import { zVerboseCaptureRequest } from '@issuer/contracts-routes';
import { AdminApiKeyGuard, CLOCK, parseWithSchema, type Clock } from '@issuer/nest';
import { notFound } from '@issuer/protocol-errors';
import { SESSION_LOG_REPOSITORY } from '../session-log-repository.provider.js';

/**
 * Verbose capture for one session, for a while: its timeline then keeps proxy and mesh headers and
 * message signatures. It turns itself off; secrets stay redacted either way.
 */
@Controller('admin/v1/sessions')
@UseGuards(AdminApiKeyGuard)
export class VerboseCaptureController {
  constructor(
    @Inject(SESSION_LOG_REPOSITORY) private readonly repository: SessionLogRepository,
    @Inject(CLOCK) private readonly now: Clock,
  ) {}

  @Post(':sessionId/verbose-capture')
  @HttpCode(200)
  async set(@Param('sessionId') sessionId: string, @Body() body: unknown) {
    const { minutes } = parseWithSchema(zVerboseCaptureRequest, body, { what: 'body', help: 'Send {"minutes": 1 to 240} to turn verbose capture on for that long, or {"minutes": 0} to turn it off.' });
    const until = minutes === 0 ? null : new Date((this.now() + minutes * 60) * 1000);
    if (!(await this.repository.setVerboseCapture(sessionId, until))) {
      throw notFound({ reason: `No session ${sessionId}.`, help: 'Use the session_id returned when the issuance was created.' });
    }
    return { session_id: sessionId, verbose_capture_until: until?.toISOString() ?? null };
  }
}
