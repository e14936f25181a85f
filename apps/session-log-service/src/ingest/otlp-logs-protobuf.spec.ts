import { describe, expect, it } from '@jest/globals';
import { logs } from '@opentelemetry/api-logs';
import { JsonLogsSerializer, ProtobufLogsSerializer } from '@opentelemetry/otlp-transformer';
import { InMemoryLogRecordExporter, LoggerProvider, SimpleLogRecordProcessor, type ReadableLogRecord } from '@opentelemetry/sdk-logs';
import { context, trace, TraceFlags } from '@opentelemetry/api';
import fc from 'fast-check';
import { RequestTimeline, SessionLogger } from '@issuer/nest';
import { decodeOtlpLogsProtobuf, MalformedOtlpProtobuf } from './otlp-logs-protobuf.js';
import { otlpLogsToEntries } from './otlp-logs-to-entries.js';

async function timelineRecords(): Promise<ReadableLogRecord[]> {
  const exporter = new InMemoryLogRecordExporter();
  const provider = new LoggerProvider({ processors: [new SimpleLogRecordProcessor({ exporter })] });
  logs.setGlobalLoggerProvider(provider);
  const span = trace.wrapSpanContext({ traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331', traceFlags: TraceFlags.SAMPLED });
  const timeline = new RequestTimeline('/token', { ip: '127.0.0.1', userAgent: 'wallet/1.0' });
  timeline.setSession('session-1');
  timeline.setClientId('wallet-client');
  timeline.info('Issued an access token.', { token_type: 'DPoP', expires_in: 300 });
  timeline.error('The pre-authorized code was already used.', { error: 'invalid_grant' });
  context.with(trace.setSpan(context.active(), span), () => new SessionLogger().write(timeline, span));
  await provider.forceFlush();
  logs.disable();
  return exporter.getFinishedLogRecords();
}

describe('OTLP/HTTP binary protobuf logs', () => {
  it('decodes to the same timeline entries as the JSON encoding of the same export', async () => {
    const records = await timelineRecords();
    const fromJson = otlpLogsToEntries(JSON.parse(new TextDecoder().decode(JsonLogsSerializer.serializeRequest(records))));
    const fromProtobuf = otlpLogsToEntries(decodeOtlpLogsProtobuf(ProtobufLogsSerializer.serializeRequest(records) as Uint8Array));
    expect(fromProtobuf).toHaveLength(2);
    expect(fromProtobuf).toEqual(fromJson);
    expect(fromProtobuf[0]).toMatchObject({
      sessionId: 'session-1',
      endpoint: '/token',
      level: 'info',
      message: 'Issued an access token.',
      data: { token_type: 'DPoP', expires_in: 300 },
      clientId: 'wallet-client',
      traceId: '0af7651916cd43dd8448eb211c80319c',
      spanId: 'b7ad6b7169203331',
    });
  });

  it('refuses bytes that are not an ExportLogsServiceRequest', () => {
    expect(() => decodeOtlpLogsProtobuf(Buffer.from('{"resourceLogs":[]}'))).toThrow(MalformedOtlpProtobuf);
    expect(() => decodeOtlpLogsProtobuf(Buffer.from([0x0a, 0xff, 0xff, 0xff, 0x0f]))).toThrow(MalformedOtlpProtobuf);
  });

  it('never fails otherwise on any bytes: they decode to entries or are refused as malformed', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 256 }), (bytes) => {
        try {
          otlpLogsToEntries(decodeOtlpLogsProtobuf(bytes));
        } catch (error) {
          expect(error).toBeInstanceOf(MalformedOtlpProtobuf);
        }
      }),
      { numRuns: 500 },
    );
  });
});
