import { request as httpRequest } from 'node:http';
import { describe, expect, it } from '@jest/globals';
import { OTLPLogExporter as OtlpHttpJsonLogExporter } from '@opentelemetry/exporter-logs-otlp-http';
import { OTLPLogExporter as OtlpHttpProtobufLogExporter } from '@opentelemetry/exporter-logs-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { LoggerProvider, SimpleLogRecordProcessor, type LogRecordExporter } from '@opentelemetry/sdk-logs';
import { BODY_LIMIT_BYTES, OTLP_BODY_LIMIT_BYTES } from '@issuer/contracts-routes';
import { createIssuance, timelineWith } from './support/issuer-api.js';

/** Where a service of this platform sends its timeline records: the embedded platform's own port, or the session-log service's. */
function receiverUrl(): string {
  const serviceEnv = process.env['E2E_SERVICE_ENV'];
  if (serviceEnv) return (JSON.parse(serviceEnv) as { SESSION_LOG_OTLP_URL: string }).SESSION_LOG_OTLP_URL;
  return `${process.env['E2E_BASE_URL']}/v1/logs`;
}

/** The answer to a body declared over the limit: the receiver refuses it on its Content-Length, before reading it. */
function statusOfOversized(url: string, length: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(url, { method: 'POST', headers: { 'content-type': 'application/x-protobuf', 'content-length': length } }, (incoming) => {
      incoming.resume();
      resolve(incoming.statusCode ?? 0);
      outgoing.destroy();
    });
    outgoing.on('error', reject);
    outgoing.write(Buffer.alloc(16));
  });
}

/** An OpenTelemetry SDK of its own, as a collector or another service would export with it: nothing of the platform's code. */
async function exportTimelineRecords(exporter: LogRecordExporter, sessionId: string, message: string): Promise<void> {
  const provider = new LoggerProvider({ resource: resourceFromAttributes({ 'service.name': 'otlp-e2e-exporter' }), processors: [new SimpleLogRecordProcessor({ exporter })] });
  const logger = provider.getLogger('issuer.session-timeline');
  logger.emit({
    severityText: 'WARN',
    body: message,
    attributes: { 'session.id': sessionId, 'issuer.endpoint': '/external', 'issuer.data': JSON.stringify({ exported_by: 'otlp-e2e-exporter' }), 'oauth.client_id': 'external-client' },
  });
  await provider.forceFlush();
  await provider.shutdown();
}

describe('the OTLP/HTTP logs receiver', () => {
  it.each([
    ['binary protobuf', (url: string) => new OtlpHttpProtobufLogExporter({ url })],
    ['JSON', (url: string) => new OtlpHttpJsonLogExporter({ url })],
  ])('stores records a standard exporter sends as %s under the session they name', async (encoding, exporterFor) => {
    const issuance = await createIssuance();
    const message = `Exported as ${encoding} at ${Date.now()}`;
    await exportTimelineRecords(exporterFor(receiverUrl()), issuance.session_id, message);
    const timeline = await timelineWith(issuance.session_id, (entry) => entry.message === message);
    expect(timeline.entries.find((entry) => entry.message === message)).toMatchObject({ level: 'warn', endpoint: '/external', data: { exported_by: 'otlp-e2e-exporter' } });
  });

  it('refuses what is not OTLP with a 4xx, never a 500', async () => {
    const post = (contentType: string, body: string | Uint8Array) => fetch(receiverUrl(), { method: 'POST', headers: { 'content-type': contentType }, body });
    const garbage = await post('application/x-protobuf', new Uint8Array([0x0a, 0xff, 0xff, 0xff, 0x0f, 0x01]));
    expect(garbage.status).toBe(400);
    expect(await garbage.json()).toMatchObject({ error: 'invalid_request' });
    expect((await post('application/json', '{"resourceLogs": ')).status).toBe(400);
    expect((await post('text/plain', 'resourceLogs')).status).toBe(415);
    // One byte over the receiver's limit: the distributed session-log service's own, or the embedded platform's.
    const limit = process.env['E2E_SERVICE_ENV'] ? OTLP_BODY_LIMIT_BYTES : BODY_LIMIT_BYTES;
    expect(await statusOfOversized(receiverUrl(), limit + 1)).toBe(413);
    // Well-formed JSON of another shape, and protobuf of another message, store nothing and fail nothing.
    expect((await post('application/json', JSON.stringify({ resourceLogs: 5 }))).status).toBe(200);
    expect((await post('application/x-protobuf', new Uint8Array([0x0a, 0x00]))).status).toBe(200);
  });

  // The session-log service of the distributed platform; the embedded platform's records never leave the process.
  if (process.env['E2E_SERVICE_ENV']) it('takes an export of many records in one request, as a service sends after an outage of the session-log service', async () => {
    const issuance = await createIssuance();
    const message = `One of many at ${Date.now()}`;
    const record = (index: number) => ({
      timeUnixNano: String(Date.now() * 1_000_000),
      severityNumber: 9,
      severityText: 'INFO',
      body: { stringValue: message },
      attributes: [
        { key: 'session.id', value: { stringValue: issuance.session_id } },
        { key: 'issuer.endpoint', value: { stringValue: '/external' } },
        { key: 'issuer.data', value: { stringValue: JSON.stringify({ index, padding: 'x'.repeat(2000) }) } },
      ],
    });
    const body = JSON.stringify({ resourceLogs: [{ resource: { attributes: [] }, scopeLogs: [{ scope: { name: 'issuer.session-timeline' }, logRecords: Array.from({ length: 512 }, (_, index) => record(index)) }] }] });
    expect(body.length).toBeGreaterThan(1024 * 1024);

    const response = await fetch(receiverUrl(), { method: 'POST', headers: { 'content-type': 'application/json' }, body });

    expect(response.status).toBe(200);
    const timeline = await timelineWith(issuance.session_id, (entry) => entry.message === message);
    expect(timeline.entries.filter((entry) => entry.message === message)).toHaveLength(512);
  });

  it('answers a protobuf export in protobuf: an empty ExportLogsServiceResponse', async () => {
    const response = await fetch(receiverUrl(), { method: 'POST', headers: { 'content-type': 'application/x-protobuf' }, body: new Uint8Array(0) });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/x-protobuf');
    expect((await response.arrayBuffer()).byteLength).toBe(0);
  });
});
