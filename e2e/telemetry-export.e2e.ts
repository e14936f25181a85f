import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { OTLPLogExporter } from '@opentelemetry/exporter-logs-otlp-proto';
import { LoggerProvider, SimpleLogRecordProcessor } from '@opentelemetry/sdk-logs';
import { createDpopProof, createJwtProof, createWalletKey } from '@issuer/testing';
import { startPlatform, type Mode, type PlatformUnderTest } from './support/global-setup.js';
import { baseUrl, createIssuance, eventually, preAuthorizedCodeOf, timelineWith } from './support/issuer-api.js';

interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes?: Array<{ key: string; value: { stringValue?: string } }>;
  /** A consumer span of a batch links the messages after its first (their traces). */
  links?: Array<{ traceId: string; spanId: string }>;
  service: string;
}

// OTLP's SpanKind (opentelemetry-proto trace/v1): SERVER 2, PRODUCER 4, CONSUMER 5.
const kinds = { server: 2, producer: 4, consumer: 5 };
const ingestToken = 'e2e-ingest-token-0123456789';

/** An OTLP/HTTP JSON receiver for traces and metrics, standing in for a collector. */
class Receiver {
  readonly spans: OtlpSpan[] = [];
  readonly metricExports: string[] = [];
  private readonly server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      if (request.url === '/v1/traces') this.spans.push(...spansOf(JSON.parse(body)));
      if (request.url === '/v1/metrics') this.metricExports.push(body);
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

function spansOf(request: { resourceSpans?: Array<{ resource?: { attributes?: OtlpSpan['attributes'] }; scopeSpans?: Array<{ spans?: OtlpSpan[] }> }> }): OtlpSpan[] {
  return (request.resourceSpans ?? []).flatMap((resource) => {
    const service = resource.resource?.attributes?.find((attribute) => attribute.key === 'service.name')?.value.stringValue ?? '';
    return (resource.scopeSpans ?? []).flatMap((scope) => (scope.spans ?? []).map((span) => ({ ...span, service })));
  });
}

const attribute = (span: OtlpSpan, key: string) => span.attributes?.find((candidate) => candidate.key === key)?.value.stringValue;

let platform: PlatformUnderTest;
const receiver = new Receiver();

/** A pre-authorized code flow, offer to notification, by a wallet of its own against `platform`. */
async function issueCredential(): Promise<string> {
  const api = { baseUrl: platform.baseUrl, adminApiKey: platform.adminApiKey };
  const issuance = await createIssuance({}, api);
  const configurationId = issuance.credential_offer.credential_configuration_ids[0] as string;
  const post = async (path: string, headers: Record<string, string>, body: string) => {
    const response = await fetch(`${platform.baseUrl}${path}`, { method: 'POST', headers: { 'user-agent': 'TelemetryWallet/1.0', ...headers }, body });
    return { status: response.status, body: response.status === 204 ? {} : ((await response.json()) as Record<string, unknown>) };
  };
  expect((await fetch(issuance.credential_offer_uri)).status).toBe(200);
  const key = createWalletKey();
  const dpop = (path: string, accessToken?: string) => createDpopProof({ key, htm: 'POST', htu: `${platform.baseUrl}${path}`, ...(accessToken !== undefined && { accessToken }) });
  const token = await post('/token', { 'content-type': 'application/x-www-form-urlencoded', dpop: dpop('/token') }, new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:pre-authorized_code', 'pre-authorized_code': preAuthorizedCodeOf(issuance) }).toString());
  expect(token.status).toBe(200);
  const accessToken = token.body['access_token'] as string;
  const nonce = (await post('/nonce', {}, '')).body['c_nonce'] as string;
  const authorized = (path: string) => ({ authorization: `DPoP ${accessToken}`, dpop: dpop(path, accessToken), 'content-type': 'application/json' });
  const credential = await post('/credential', authorized('/credential'), JSON.stringify({ credential_configuration_id: configurationId, proofs: { jwt: [createJwtProof({ key, aud: platform.baseUrl, nonce })] } }));
  expect(credential.status).toBe(200);
  const notification = await post('/notification', authorized('/notification'), JSON.stringify({ notification_id: credential.body['notification_id'], event: 'credential_accepted' }));
  expect(notification.status).toBe(204);
  return issuance.session_id;
}

describe('telemetry a platform exports over OTLP (OTEL_EXPORTER_OTLP_TRACES_ENDPOINT, OTEL_EXPORTER_OTLP_METRICS_ENDPOINT)', () => {
  beforeAll(async () => {
    const url = await receiver.start();
    const mode = (process.env['E2E_MODE'] ?? 'embedded') as Mode;
    platform = await startPlatform(mode, Number(new URL(baseUrl()).port) + 30, {
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: `${url}/v1/traces`,
      OTEL_EXPORTER_OTLP_METRICS_ENDPOINT: `${url}/v1/metrics`,
      OTEL_METRIC_EXPORT_INTERVAL: '1000',
      OTLP_INGEST_TOKEN: ingestToken,
    });
  }, 90_000);

  afterAll(async () => {
    await platform?.stop();
    await receiver.stop();
  });

  it('makes one trace of a request and the events it publishes, across the services that consume them, each span with the session id', async () => {
    const sessionId = await issueCredential();
    const credentialRequest = () => receiver.spans.find((span) => span.kind === kinds.server && span.name === 'POST /credential' && attribute(span, 'session.id') === sessionId);
    const chainOf = (traceId: string) => receiver.spans.filter((span) => span.traceId === traceId);
    const published = (traceId: string) => chainOf(traceId).find((span) => span.kind === kinds.producer && span.name === 'publish issuance.credential.issued');
    const consumedBy = (traceId: string) => {
      const publish = published(traceId);
      return receiver.spans.filter((span) => span.kind === kinds.consumer && publish !== undefined && (span.parentSpanId === publish.spanId || (span.links ?? []).some((link) => link.spanId === publish.spanId)));
    };
    // The offer service (issuance status, webhooks) and the session-log service (timeline) consume issuance.credential.issued.
    // The offer service alone may consume it twice: wait for the session-log service's span too where it is a process of its own.
    const consumerServices = (traceId: string) => new Set(consumedBy(traceId).map((span) => span.service));
    await eventually(
      async () => credentialRequest(),
      (span) => span !== undefined && consumedBy(span.traceId).length >= 2 && (platform.mode !== 'distributed' || consumerServices(span.traceId).has('session-log-service')),
      30_000,
    );

    const request = credentialRequest() as OtlpSpan;
    const publish = published(request.traceId) as OtlpSpan;
    const consumers = consumedBy(request.traceId);
    expect(chainOf(request.traceId).some((span) => span.spanId === publish.parentSpanId)).toBe(true);
    // A batch of several sessions' messages names no single session: absent then, never another's.
    const sessionOf = (span: OtlpSpan) => (span === publish || span.parentSpanId === publish.spanId ? attribute(span, 'session.id') : (attribute(span, 'session.id') ?? sessionId));
    for (const span of [publish, ...consumers]) expect({ name: span.name, session: sessionOf(span), system: attribute(span, 'messaging.system') }).toEqual({ name: span.name, session: sessionId, system: 'nats' });
    const services = new Set([...chainOf(request.traceId), ...consumers].map((span) => span.service));
    if (platform.mode === 'distributed') expect([...services].sort()).toEqual(expect.arrayContaining(['credential-service', 'offer-service', 'session-log-service']));
    else expect([...services]).toEqual(['issuer-platform']);
  }, 60_000);

  it('exports request latency by route and wallet, errors by code, and the issuance steps', async () => {
    await issueCredential();
    await fetch(`${platform.baseUrl}/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': 'TelemetryWallet/1.0' }, body: 'grant_type=urn:ietf:params:oauth:grant-type:pre-authorized_code&pre-authorized_code=unknown' });
    const exported = () => receiver.metricExports.join('\n');
    await eventually(async () => exported(), (text) => ['"credential_accepted"', '"invalid_grant"', '"/credential"'].every((part) => text.includes(part)), 30_000);
    const text = exported();
    for (const part of ['"http.server.request.duration"', '"issuer.errors"', '"issuer.issuance.steps"', '"issuer.issuances"', '"TelemetryWallet"', '"offer_fetched"', '"token_issued"', '"credential_issued"', '"issued"']) expect({ part, exported: text.includes(part) }).toEqual({ part, exported: true });
  }, 60_000);

  it('takes timeline records in protobuf only with OTLP_INGEST_TOKEN when one is set', async () => {
    const issuance = await createIssuance({}, { baseUrl: platform.baseUrl, adminApiKey: platform.adminApiKey });
    const receiverUrl = platform.serviceEnv?.['SESSION_LOG_OTLP_URL'] ?? `${platform.baseUrl}/v1/logs`;
    const send = async (headers: Record<string, string>, message: string) => {
      const provider = new LoggerProvider({ processors: [new SimpleLogRecordProcessor({ exporter: new OTLPLogExporter({ url: receiverUrl, headers }) })] });
      provider.getLogger('issuer.session-timeline').emit({ body: message, attributes: { 'session.id': issuance.session_id, 'issuer.endpoint': '/external' } });
      await provider.forceFlush();
      await provider.shutdown();
    };
    const refused = await fetch(receiverUrl, { method: 'POST', headers: { 'content-type': 'application/x-protobuf' }, body: new Uint8Array(0) });
    expect(refused.status).toBe(401);
    await send({ authorization: `Bearer ${ingestToken}` }, 'Sent with the ingest token');
    const timeline = await timelineWith(issuance.session_id, (entry) => entry.message === 'Sent with the ingest token', { baseUrl: platform.baseUrl, adminApiKey: platform.adminApiKey });
    expect(timeline.entries.filter((entry) => entry.endpoint === '/external').map((entry) => entry.message)).toEqual(['Sent with the ingest token']);
  }, 60_000);
});
