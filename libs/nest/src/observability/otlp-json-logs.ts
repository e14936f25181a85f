import type { AnyValue, Attributes, HrTime } from '@opentelemetry/api';
import type { ReadableLogRecord } from '@opentelemetry/sdk-logs';

type OtlpAnyValue = Record<string, unknown>;

/**
 * Log records as the OTLP/JSON request body (OpenTelemetry Protocol, `ExportLogsServiceRequest` in
 * its JSON mapping: hex ids, 64-bit times as decimal strings), built as objects: what
 * `JsonLogsSerializer` writes, without writing it to bytes and parsing it back in this process.
 */
export function otlpJsonLogsRequest(records: readonly ReadableLogRecord[]): { resourceLogs: unknown[] } {
  const resources = new Map<ReadableLogRecord['resource'], Map<string, { scope: ReadableLogRecord['instrumentationScope']; logRecords: unknown[] }>>();
  for (const record of records) {
    let scopes = resources.get(record.resource);
    if (!scopes) resources.set(record.resource, (scopes = new Map()));
    const { name, version = '', schemaUrl = '' } = record.instrumentationScope;
    const key = `${name}@${version}@${schemaUrl}`;
    let scope = scopes.get(key);
    if (!scope) scopes.set(key, (scope = { scope: record.instrumentationScope, logRecords: [] }));
    scope.logRecords.push(logRecord(record));
  }
  return {
    resourceLogs: [...resources].map(([resource, scopes]) => ({
      resource: { attributes: keyValues(resource.attributes), droppedAttributesCount: 0 },
      scopeLogs: [...scopes.values()].map(({ scope, logRecords }) => ({
        scope: { name: scope.name, ...(scope.version !== undefined && { version: scope.version }) },
        logRecords,
        ...(scope.schemaUrl !== undefined && { schemaUrl: scope.schemaUrl }),
      })),
    })),
  };
}

function logRecord(record: ReadableLogRecord): Record<string, unknown> {
  return {
    timeUnixNano: nanos(record.hrTime),
    observedTimeUnixNano: nanos(record.hrTimeObserved),
    severityNumber: record.severityNumber,
    severityText: record.severityText,
    body: anyValue(record.body),
    ...(record.eventName !== undefined && { eventName: record.eventName }),
    attributes: keyValues(record.attributes),
    droppedAttributesCount: record.droppedAttributesCount,
    flags: record.spanContext?.traceFlags,
    traceId: record.spanContext?.traceId,
    spanId: record.spanContext?.spanId,
  };
}

function nanos([seconds, nanoseconds]: HrTime): string {
  return seconds === 0 ? String(nanoseconds) : `${seconds}${String(nanoseconds).padStart(9, '0')}`;
}

function keyValues(attributes: Attributes): Array<{ key: string; value: OtlpAnyValue }> {
  return Object.entries(attributes).map(([key, value]) => ({ key, value: anyValue(value as AnyValue) }));
}

function anyValue(value: AnyValue | undefined): OtlpAnyValue {
  if (value === null || value === undefined) return {};
  if (typeof value === 'string') return { stringValue: value };
  if (typeof value === 'boolean') return { boolValue: value };
  if (typeof value === 'number') return Number.isInteger(value) ? { intValue: value } : { doubleValue: value };
  if (value instanceof Uint8Array) return { bytesValue: Buffer.from(value).toString('base64') };
  if (Array.isArray(value)) return { arrayValue: { values: value.map((item) => anyValue(item as AnyValue)) } };
  return { kvlistValue: { values: Object.entries(value).map(([key, item]) => ({ key, value: anyValue(item as AnyValue) })) } };
}
