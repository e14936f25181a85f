import { describe, expect, it } from '@jest/globals';
import { SeverityNumber } from '@opentelemetry/api-logs';
import { JsonLogsSerializer } from '@opentelemetry/otlp-transformer';
import { resourceFromAttributes } from '@opentelemetry/resources';
import type { ReadableLogRecord } from '@opentelemetry/sdk-logs';
import { otlpJsonLogsRequest } from './otlp-json-logs.js';

const resource = resourceFromAttributes({ 'service.name': 'credential-service', 'process.pid': 4242 });
const timeline = { name: 'issuer.session-timeline' };
const other = { name: 'other', version: '1.2.0' };

function record(overrides: Partial<ReadableLogRecord>): ReadableLogRecord {
  return {
    hrTime: [1_780_000_000, 123_456_789],
    hrTimeObserved: [1_780_000_000, 200_000_000],
    severityNumber: SeverityNumber.INFO,
    severityText: 'INFO',
    body: 'Credential issued',
    resource,
    instrumentationScope: timeline,
    attributes: { 'session.id': 's-1', 'issuer.data': JSON.stringify({ count: 1, ok: true }) },
    droppedAttributesCount: 0,
    ...overrides,
  };
}

describe('otlpJsonLogsRequest', () => {
  it('is the object the OTLP/JSON serializer writes, without the bytes in between', () => {
    const records = [
      record({ spanContext: { traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331', traceFlags: 1 } }),
      record({ hrTime: [0, 5], severityNumber: SeverityNumber.WARN, severityText: 'WARN', body: 'Responded 400', attributes: { n: 3, ratio: 0.5, flag: false, list: ['a', 1], nested: { k: 'v' } } }),
      record({ instrumentationScope: other, body: { structured: true } }),
    ];
    const written = JSON.parse(new TextDecoder().decode(JsonLogsSerializer.serializeRequest(records)));
    expect(otlpJsonLogsRequest(records)).toEqual(written);
  });
});
