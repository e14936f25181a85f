import type { NewTimelineEntry } from '@issuer/data-access-session-log';
import { timelineAttributes, timelineLoggerName } from '@issuer/nest';

/** What one timeline log record becomes (the session-log schema's entry, and the draft the request looked like). */
export type IngestedEntry = Required<NewTimelineEntry> & { dialect: string | null };

type Fields = Record<string, unknown>;

/**
 * OTLP/HTTP JSON (OpenTelemetry Protocol, logs) to timeline entries. Only records of the session
 * timeline logger become entries; anything malformed is skipped or read as absent rather than
 * failing the batch, since the sender cannot correct a record it already exported.
 */
export function otlpLogsToEntries(request: unknown): IngestedEntry[] {
  const entries: IngestedEntry[] = [];
  for (const resource of listOf(fieldsOf(request)['resourceLogs'])) {
    for (const scope of listOf(fieldsOf(resource)['scopeLogs'])) {
      if (fieldsOf(fieldsOf(scope)['scope'])['name'] !== timelineLoggerName) continue;
      for (const record of listOf(fieldsOf(scope)['logRecords'])) entries.push(toEntry(fieldsOf(record)));
    }
  }
  return entries;
}

function toEntry(record: Fields): IngestedEntry {
  const attributes = new Map<string, string | number | boolean | undefined>();
  for (const attribute of listOf(record['attributes'])) {
    const { key, value } = fieldsOf(attribute);
    if (typeof key === 'string') attributes.set(key, scalar(value));
  }
  const text = (key: string) => {
    const value = attributes.get(key);
    return value === undefined ? null : withoutNul(String(value));
  };
  const data = text(timelineAttributes.data);
  const severity = record['severityText'];
  return {
    sessionId: text(timelineAttributes.sessionId),
    time: timeOf(record['timeUnixNano']) ?? timeOf(record['observedTimeUnixNano']) ?? new Date(0),
    level: (typeof severity === 'string' && severity !== '' ? withoutNul(severity) : 'INFO').toLowerCase(),
    endpoint: text(timelineAttributes.endpoint),
    message: withoutNul(String(scalar(record['body']) ?? '')),
    data: data === null ? null : parseData(data),
    traceId: hexId(record['traceId']),
    spanId: hexId(record['spanId']),
    clientId: text(timelineAttributes.clientId),
    ip: text(timelineAttributes.ip),
    userAgent: text(timelineAttributes.userAgent),
    requestId: text(timelineAttributes.requestId),
    dialect: text(timelineAttributes.dialect),
  };
}

function fieldsOf(value: unknown): Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Fields) : {};
}

function listOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function scalar(value: unknown): string | number | boolean | undefined {
  const any = fieldsOf(value);
  for (const key of ['stringValue', 'boolValue', 'doubleValue']) {
    const member = any[key];
    if (typeof member === 'string' || typeof member === 'boolean' || typeof member === 'number') return member;
  }
  const integer = any['intValue'];
  if (typeof integer === 'number' || (typeof integer === 'string' && /^-?\d+$/.test(integer))) return Number(integer);
  return undefined;
}

/** OTLP times are nanoseconds since the epoch, as a number or (64-bit) a decimal string; 0 means unknown. */
function timeOf(value: unknown): Date | undefined {
  if (typeof value !== 'number' && typeof value !== 'string') return undefined;
  if (!/^\d+$/.test(String(value))) return undefined;
  const time = new Date(Number(BigInt(value) / 1_000_000n));
  return time.getTime() > 0 && !Number.isNaN(time.getTime()) ? time : undefined;
}

function parseData(text: string): unknown {
  try {
    // A NUL escaped inside the JSON text (\u0000) is as unstorable as a raw one.
    return JSON.parse(text.replaceAll('\\u0000', '\\ufffd'));
  } catch {
    return { unparsed: text };
  }
}

/** PostgreSQL text and jsonb hold no NUL character. */
function withoutNul(text: string): string {
  return text.replaceAll('\u0000', '\ufffd');
}

function hexId(id: unknown): string | null {
  return typeof id === 'string' && /^[0-9a-f]{16,32}$/i.test(id) && !/^0*$/.test(id) ? id.toLowerCase() : null;
}
