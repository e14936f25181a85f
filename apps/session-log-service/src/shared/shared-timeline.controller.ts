import { Controller, Get, Param, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ExportTimeline, sendExport } from '../export/export-timeline.js';
import { ReadSharedTimeline, type SharedTimeline } from './read-shared-timeline.js';

/** Share links (no API key): the token is the capability for one session's or one request's timeline. */
@Controller('session-log/v1/shared')
export class SharedTimelineController {
  constructor(
    private readonly read: ReadSharedTimeline,
    private readonly exports: ExportTimeline,
  ) {}

  @Get(':token')
  get(@Param('token') token: string) {
    return this.read.execute(token);
  }

  @Get(':token/export.har')
  async har(@Param('token') token: string, @Res({ passthrough: true }) reply: FastifyReply) {
    const shared = await this.read.execute(token);
    return sendExport(reply, this.exports.execute(shared, 'har', nameOf(shared)));
  }

  @Get(':token/export.sh')
  async curl(@Param('token') token: string, @Res({ passthrough: true }) reply: FastifyReply) {
    const shared = await this.read.execute(token);
    return sendExport(reply, this.exports.execute(shared, 'sh', nameOf(shared)));
  }
}

function nameOf(shared: SharedTimeline): string {
  return shared.shared.kind === 'session' ? `session-${shared.shared.session_id}` : `request-${shared.shared.request_id}`;
}
