import { context, trace, type Span } from '@opentelemetry/api';
import { logs, SeverityNumber, type Logger } from '@opentelemetry/api-logs';
import type { RequestTimeline, TimelineLevel } from './request-timeline.js';

const severity: Record<TimelineLevel, SeverityNumber> = {
  debug: SeverityNumber.DEBUG,
  info: SeverityNumber.INFO,
  warn: SeverityNumber.WARN,
  error: SeverityNumber.ERROR,
};

/** Attribute names of a timeline log record; the session-log service reads the same names. */
export const timelineAttributes = {
  sessionId: 'session.id',
  endpoint: 'issuer.endpoint',
  data: 'issuer.data',
  clientId: 'oauth.client_id',
  ip: 'client.address',
  userAgent: 'user_agent.original',
  dialect: 'issuer.dialect',
  requestId: 'issuer.request_id',
} as const;

export const timelineLoggerName = 'issuer.session-timeline';

/**
 * Writes a request's timeline entries as OpenTelemetry log records (ARCHITECTURE.md principle 9);
 * the session-log service receives them over OTLP and stores them. Data is redacted before this point.
 */
export class SessionLogger {
  private readonly logger: Logger = logs.getLogger(timelineLoggerName);

  write(timeline: RequestTimeline, span?: Span): void {
    const ctx = span ? trace.setSpan(context.active(), span) : context.active();
    for (const entry of timeline.entries) {
      const attributes: Record<string, string> = { [timelineAttributes.endpoint]: entry.endpoint, [timelineAttributes.requestId]: timeline.requestId };
      if (timeline.sessionId) attributes[timelineAttributes.sessionId] = timeline.sessionId;
      if (timeline.origin.clientId) attributes[timelineAttributes.clientId] = timeline.origin.clientId;
      if (timeline.origin.ip) attributes[timelineAttributes.ip] = timeline.origin.ip;
      if (timeline.origin.userAgent) attributes[timelineAttributes.userAgent] = timeline.origin.userAgent;
      if (timeline.dialect) attributes[timelineAttributes.dialect] = timeline.dialect;
      if (entry.data) attributes[timelineAttributes.data] = JSON.stringify(entry.data);
      this.logger.emit({
        timestamp: entry.time,
        severityNumber: severity[entry.level],
        severityText: entry.level.toUpperCase(),
        body: entry.message,
        attributes,
        context: ctx,
      });
    }
  }
}
