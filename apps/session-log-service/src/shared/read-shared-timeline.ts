import { Inject, Injectable } from '@nestjs/common';
import type { SessionLogRepository, SessionTimeline } from '@issuer/data-access-session-log';
import { ShareLinks } from '@issuer/nest';
import { notFound } from '@issuer/protocol-errors';
import { SESSION_LOG_REPOSITORY } from '../session-log-repository.provider.js';

export interface SharedTimeline extends SessionTimeline {
  shared: { kind: 'session'; session_id: string } | { kind: 'request'; request_id: string };
}

/**
 * What a share link opens: its session's timeline, or only the entries of its request. An unknown,
 * tampered or foreign token and a token of a session without a timeline get the same 404.
 */
@Injectable()
export class ReadSharedTimeline {
  constructor(
    @Inject(SESSION_LOG_REPOSITORY) private readonly repository: SessionLogRepository,
    private readonly links: ShareLinks,
  ) {}

  async execute(token: string): Promise<SharedTimeline> {
    const scope = this.links.open(token);
    if (scope?.kind === 'session') {
      const timeline = await this.repository.getSession(scope.sessionId);
      if (timeline) return { ...timeline, shared: { kind: 'session', session_id: scope.sessionId } };
    }
    if (scope?.kind === 'request') {
      const entries = await this.repository.getRequestEntries(scope.requestId);
      if (entries.length > 0) return { session: null, entries, events: [], shared: { kind: 'request', request_id: scope.requestId } };
    }
    throw notFound({ reason: 'No shared timeline for this link.', help: 'Use the link exactly as the issuer gave it; ask the issuer operator for a new one.' });
  }
}
