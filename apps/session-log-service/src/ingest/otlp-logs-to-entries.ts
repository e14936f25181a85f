import type { NewTimelineEntry } from '@issuer/data-access-session-log';
import { timelineAttributes, timelineLoggerName } from '@issuer/nest';

/** What one timeline log record becomes (the session-log schema's entry, and the draft the request looked like). */
export type IngestedEntry = Required<NewTimelineEntry> & { dialect: string | null };

interface OtlpAnyValue {
  stringValue?: string;
  intValue?: string | number;
  boolValue?: boolean;
  doubleValue?: number;
}

interface OtlpLogRecord {
  timeUnixNano?: string | number;
  observedTimeUnixNano?: string | number;
  severityText?: string;
  body?: OtlpAnyValue;
  attributes?: Array<{ key: string; value?: OtlpAnyValue }>;
  traceId?: string;
  spanId?: string;
}

interface OtlpLogsRequest {
  resourceLogs?: Array<{ scopeLogs?: Array<{ scope?: { name?: string }; logRecords?: OtlpLogRecord[] }> }>;
}

/**
 * OTLP/HTTP JSON (OpenTelemetry Protocol, logs) to timeline entries. Only records of the session
 * timeline logger become entries; anything malformed is skipped rather than failing the batch.
 */
export function otlpLogsToEntries(request: unknown): IngestedEntry[] {
  const entries: IngestedEntry[] = [];
  for (const resource of (request as OtlpLogsRequest)?.resourceLogs ?? []) {
    for (const scope of resource.scopeLogs ?? []) {
      if (scope.scope?.name !== timelineLoggerName) continue;
      for (const record of scope.logRecords ?? []) entries.push(toEntry(record));
    }
  }
  return entries;
}

function toEntry(record: OtlpLogRecord): IngestedEntry {
  const attributes = new Map((record.attributes ?? []).map((attribute) => [attribute.key, scalar(attribute.value)]));
  const text = (key: string) => {
    const value = attributes.get(key);
    return value === undefined ? null : String(value);
  };
  const data = text(timelineAttributes.data);
  return {
    sessionId: text(timelineAttributes.sessionId),
    time: new Date(Number(BigInt(record.timeUnixNano ?? record.observedTimeUnixNano ?? 0) / 1_000_000n)),
    level: (record.severityText ?? 'INFO').toLowerCase(),
    endpoint: text(timelineAttributes.endpoint),
    message: String(scalar(record.body) ?? ''),
    data: data === null ? null : parseData(data),
    traceId: nonZero(record.traceId),
    spanId: nonZero(record.spanId),
    clientId: text(timelineAttributes.clientId),
    ip: text(timelineAttributes.ip),
    userAgent: text(timelineAttributes.userAgent),
    requestId: text(timelineAttributes.requestId),
    dialect: text(timelineAttributes.dialect),
  };
}

function scalar(value: OtlpAnyValue | undefined): string | number | boolean | undefined {
  if (!value) return undefined;
  return value.stringValue ?? value.boolValue ?? value.doubleValue ?? (value.intValue === undefined ? undefined : Number(value.intValue));
}

function parseData(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return { unparsed: text };
  }
}

function nonZero(id: string | undefined): string | null {
  return id && !/^0*$/.test(id) ? id : null;
}
