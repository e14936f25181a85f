import { Inject, Injectable } from '@nestjs/common';
import type { SessionLogRepository } from '@issuer/data-access-session-log';
import { walletLabel } from '@issuer/nest';
import { SESSION_LOG_REPOSITORY } from '../session-log-repository.provider.js';
import { otlpLogsToEntries } from './otlp-logs-to-entries.js';
import { sessionRequestUpdatesOf } from './session-request-updates.js';

/** Stores one OTLP export (many entries, often of many sessions) with one statement, then what it tells about the sessions. */
@Injectable()
export class IngestTimeline {
  constructor(@Inject(SESSION_LOG_REPOSITORY) private readonly repository: SessionLogRepository) {}

  async execute(request: unknown): Promise<number> {
    const entries = otlpLogsToEntries(request);
    if (entries.length === 0) return 0;
    await this.repository.appendEntries(entries);
    await this.repository.recordRequests(sessionRequestUpdatesOf(entries), walletLabel);
    return entries.length;
  }
}
