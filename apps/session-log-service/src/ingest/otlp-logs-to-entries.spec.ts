import { describe, expect, it } from '@jest/globals';
import { JsonLogsSerializer } from '@opentelemetry/otlp-transformer';
import { InMemoryLogRecordExporter, LoggerProvider, SimpleLogRecordProcessor } from '@opentelemetry/sdk-logs';
import { RequestTimeline, SessionLogger, timelineLoggerName } from '@issuer/nest';
import fc from 'fast-check';
import { otlpLogsToEntries } from './otlp-logs-to-entries.js';

describe('OTLP/JSON logs to timeline entries', () => {
  it('reads back what the session logger wrote, through the OTLP JSON encoding', async () => {
    const exporter = new InMemoryLogRecordExporter();
    const provider = new LoggerProvider({ processors: [new SimpleLogRecordProcessor({ exporter })] });
    const { logs } = await import('@opentelemetry/api-logs');
    logs.setGlobalLoggerProvider(provider);
    const timeline = new RequestTimeline('/token', { ip: '127.0.0.1', userAgent: 'wallet/1.0' });
    timeline.setSession('session-1');
    timeline.setClientId('wallet-client');
    timeline.dialect = 'draft-13';
    timeline.error('The pre-authorized code was already used.', { error: 'invalid_grant', spec_ref: 'OID4VCI 1.0 Section 6.3' });
    new SessionLogger().write(timeline);
    await provider.forceFlush();

    const request = JSON.parse(new TextDecoder().decode(JsonLogsSerializer.serializeRequest(exporter.getFinishedLogRecords())));
    const [entry] = otlpLogsToEntries(request);
    expect(entry).toMatchObject({
      sessionId: 'session-1',
      level: 'error',
      endpoint: '/token',
      message: 'The pre-authorized code was already used.',
      data: { error: 'invalid_grant', spec_ref: 'OID4VCI 1.0 Section 6.3', request_id: timeline.requestId },
      clientId: 'wallet-client',
      ip: '127.0.0.1',
      userAgent: 'wallet/1.0',
      requestId: timeline.requestId,
      dialect: 'draft-13',
    });
    expect(timeline.requestId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(entry?.time.getTime()).toBeGreaterThan(Date.now() - 60_000);
    logs.disable();
  });

  it('ignores records of other loggers and tolerates malformed input', () => {
    expect(otlpLogsToEntries({ resourceLogs: [{ scopeLogs: [{ scope: { name: 'other' }, logRecords: [{ body: { stringValue: 'x' } }] }] }] })).toEqual([]);
    expect(otlpLogsToEntries(null)).toEqual([]);
    expect(otlpLogsToEntries({ resourceLogs: [{ scopeLogs: [{ scope: { name: timelineLoggerName }, logRecords: [{}] }] }] })).toHaveLength(1);
  });
});

describe('OTLP/JSON logs of any shape', () => {
  const timelineScope = (logRecords: unknown) => ({ resourceLogs: [{ scopeLogs: [{ scope: { name: timelineLoggerName }, logRecords }] }] });

  it('never throws, and every entry it makes is storable (a valid time, no NUL character)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.jsonValue().map(timelineScope), fc.array(fc.dictionary(fc.constantFrom('timeUnixNano', 'severityText', 'body', 'attributes', 'traceId'), fc.jsonValue())).map(timelineScope)), (request) => {
        for (const entry of otlpLogsToEntries(request)) {
          expect(Number.isNaN(entry.time.getTime())).toBe(false);
          expect(JSON.stringify(entry)).not.toContain('\\u0000');
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('reads a NUL character, raw or escaped in the data, as U+FFFD and an impossible time as unknown', () => {
    const [entry] = otlpLogsToEntries(
      timelineScope([
        {
          timeUnixNano: '99999999999999999999999999',
          body: { stringValue: 'a\u0000b' },
          attributes: [
            { key: 'session.id', value: { stringValue: 's\u0000' } },
            { key: 'issuer.data', value: { stringValue: '{"x":"\\u0000"}' } },
          ],
        },
      ]),
    );
    expect(entry).toMatchObject({ sessionId: 's\ufffd', message: 'a\ufffdb', data: { x: '\ufffd' }, time: new Date(0) });
  });
});
