import { Controller, Get, Inject, Param, Query, Res, UseGuards } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { SessionLogRepository } from '@issuer/data-access-session-log';
import { zListRequestsQuery } from '@issuer/contracts-routes';
import { AdminApiKeyGuard, parseWithSchema, ShareLinks } from '@issuer/nest';
import { notFound } from '@issuer/protocol-errors';
import { ExportTimeline, sendExport } from '../export/export-timeline.js';
import { SESSION_LOG_REPOSITORY } from '../session-log-repository.provider.js';

/** Session timelines: `{ session, entries[], events[] }` per issuance session. */
@Controller('admin/v1')
@UseGuards(AdminApiKeyGuard)
export class SessionsController {
  constructor(
    @Inject(SESSION_LOG_REPOSITORY) private readonly repository: SessionLogRepository,
    private readonly links: ShareLinks,
    private readonly exports: ExportTimeline,
  ) {}

  @Get('sessions')
  list(@Query('limit') limit?: string, @Query('state') state?: string) {
    return this.repository.listSessions({ limit: clampLimit(limit), state });
  }

  @Get('sessions/:sessionId')
  async get(@Param('sessionId') sessionId: string) {
    const session = await this.timelineOf(sessionId);
    return { ...session, share_url: this.links.pageUrl(this.links.tokenFor({ kind: 'session', sessionId })) };
  }

  /** The session's requests as HAR 1.2, redacted. */
  @Get('sessions/:sessionId/export.har')
  async har(@Param('sessionId') sessionId: string, @Res({ passthrough: true }) reply: FastifyReply) {
    return sendExport(reply, this.exports.execute(await this.timelineOf(sessionId), 'har', `session-${sessionId}`));
  }

  /** The session's requests as a bash script of curl commands, secrets as variables to set. */
  @Get('sessions/:sessionId/export.sh')
  async curl(@Param('sessionId') sessionId: string, @Res({ passthrough: true }) reply: FastifyReply) {
    return sendExport(reply, this.exports.execute(await this.timelineOf(sessionId), 'sh', `session-${sessionId}`));
  }

  private async timelineOf(sessionId: string) {
    const session = await this.repository.getSession(sessionId);
    if (!session) throw notFound({ reason: `No timeline for session ${sessionId}.`, help: 'Use the session_id returned when the issuance was created.' });
    return session;
  }

  /** Requests that resolved to no session, searchable by client id, IP, user agent and time. */
  @Get('requests')
  unassigned(@Query() raw: unknown) {
    const query = parseWithSchema(zListRequestsQuery, raw, { what: 'query', help: 'Filter by client_id, ip, user_agent, from and to (ISO 8601 times), with a limit of 1 to 1000.' });
    return this.repository.listUnassignedEntries({
      clientId: query.client_id,
      ip: query.ip,
      userAgent: query.user_agent,
      from: query.from ? new Date(query.from) : undefined,
      to: query.to ? new Date(query.to) : undefined,
      limit: clampLimit(query.limit),
    });
  }
}

function clampLimit(value: string | undefined): number {
  const parsed = Number(value ?? 100);
  return Number.isFinite(parsed) ? Math.min(Math.max(Math.trunc(parsed), 1), 1000) : 100;
}
