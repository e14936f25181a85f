import { Inject, Injectable } from '@nestjs/common';
import type { SessionLogRepository } from '@issuer/data-access-session-log';
import { verboseHeadersMember, walletLabel } from '@issuer/nest';
import { finalSessionStates } from '../events/session-events.consumer.js';
import { SESSION_LOG_REPOSITORY } from '../session-log-repository.provider.js';
import { applyVerboseCapture } from './apply-verbose-capture.js';
import { otlpLogsToEntries } from './otlp-logs-to-entries.js';
import { sessionRequestUpdatesOf } from './session-request-updates.js';

/** Stores one OTLP export (many entries, often of many sessions) with one statement, then what it tells about the sessions. */
@Injectable()
export class IngestTimeline {
  constructor(@Inject(SESSION_LOG_REPOSITORY) private readonly repository: SessionLogRepository) {}

  async execute(request: unknown): Promise<number> {
    const received = otlpLogsToEntries(request);
    if (received.length === 0) return 0;
    const withVerbose = received.filter((entry) => entry.sessionId && typeof entry.data === 'object' && entry.data !== null && verboseHeadersMember in entry.data);
    const verboseUntil = await this.repository.verboseCaptureOf([...new Set(withVerbose.map((entry) => entry.sessionId as string))]);
    const entries = applyVerboseCapture(received, verboseUntil);
    await this.repository.appendEntries(entries);
    await this.repository.recordRequests(sessionRequestUpdatesOf(entries), { labelOf: walletLabel, finalStates: finalSessionStates });
    return entries.length;
  }
}
