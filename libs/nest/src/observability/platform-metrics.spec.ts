import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from '@jest/globals';
import { metrics } from '@opentelemetry/api';
import { AggregationTemporality, DataPointType, InMemoryMetricExporter, MeterProvider, PeriodicExportingMetricReader, type MetricData } from '@opentelemetry/sdk-metrics';
import { createEnvelope, subjects } from '@issuer/contracts-events';
import Fastify from 'fastify';
import { InProcessBus } from '../messaging/in-process-bus.js';
import { registerTimelineHooks } from '../timeline/timeline-hooks.js';
import { SessionLogger } from '../timeline/session-logger.js';
import { metricNames } from './platform-metrics.js';
import { startTelemetry } from './telemetry.js';

function inMemoryMeter() {
  const reader = new PeriodicExportingMetricReader({ exporter: new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE), exportIntervalMillis: 3_600_000 });
  metrics.setGlobalMeterProvider(new MeterProvider({ readers: [reader] }));
  return async (name: string): Promise<MetricData | undefined> => {
    const { resourceMetrics } = await reader.collect();
    return resourceMetrics.scopeMetrics.flatMap((scope) => scope.metrics).find((metric) => metric.descriptor.name === name);
  };
}

async function servedApp() {
  const app = Fastify();
  registerTimelineHooks(app, { sessionLogger: new SessionLogger(), serviceName: 'test', untracked: (path) => path.startsWith('/health') });
  app.get('/credential-offer/:id', async () => ({ credential_issuer: 'https://issuer.example.com' }));
  app.post('/token', async (_request, reply) => reply.status(400).send({ error: 'invalid_grant' }));
  app.get('/health/live', async () => ({ status: 'ok' }));
  await app.ready();
  return app;
}

afterEach(() => metrics.disable());

describe('platform metrics', () => {
  it('records each request\'s duration by route pattern, method, status and wallet, and its error by code', async () => {
    const metric = inMemoryMeter();
    const app = await servedApp();
    await app.inject({ method: 'GET', url: '/credential-offer/abc', headers: { 'user-agent': 'Lissi/2.1 (iOS)' } });
    await app.inject({ method: 'GET', url: '/credential-offer/def', headers: { 'user-agent': 'Lissi/2.2 (iOS)' } });
    await app.inject({ method: 'POST', url: '/token', headers: { 'user-agent': 'sphereon-wallet/1.0', 'content-type': 'application/json' }, payload: {} });
    await app.inject({ method: 'GET', url: '/health/live' });
    await app.close();

    const duration = await metric(metricNames.requestDuration);
    expect(duration?.dataPointType).toBe(DataPointType.HISTOGRAM);
    expect(duration?.descriptor.unit).toBe('s');
    const points = (duration?.dataPoints ?? []).map((point) => ({ attributes: point.attributes, count: (point.value as { count: number }).count }));
    expect(points).toEqual(
      expect.arrayContaining([
        { attributes: { 'http.route': '/credential-offer/:id', 'http.request.method': 'GET', 'http.response.status_code': 200, wallet: 'Lissi' }, count: 2 },
        { attributes: { 'http.route': '/token', 'http.request.method': 'POST', 'http.response.status_code': 400, wallet: 'sphereon-wallet' }, count: 1 },
      ]),
    );
    expect(points).toHaveLength(2);

    const errors = await metric(metricNames.errors);
    expect(errors?.dataPoints.map((point) => ({ attributes: point.attributes, value: point.value }))).toEqual([
      { attributes: { 'http.route': '/token', 'http.request.method': 'POST', 'http.response.status_code': 400, 'error.type': 'invalid_grant', wallet: 'sphereon-wallet' }, value: 1 },
    ]);
  });

  it('counts the issuance steps and outcomes the bus takes, a duplicate once', async () => {
    const metric = inMemoryMeter();
    const bus = new InProcessBus();
    const event = (type: string, data: Record<string, unknown>) => createEnvelope({ type: type as never, version: 1, sessionId: 'ses-1', data: data as never });
    const retrieved = event(subjects.offerRetrieved, { issuanceId: 'iss-1', offerId: 'off-1' });
    await bus.publish(retrieved.type, retrieved);
    await bus.publish(retrieved.type, retrieved);
    const issued = event(subjects.credentialIssued, { issuanceId: 'iss-1', credentialConfigurationId: 'pid', format: 'dc+sd-jwt', count: 1, notificationId: 'n-1' });
    await bus.publish(issued.type, issued);
    await bus.close();

    const steps = await metric(metricNames.issuanceSteps);
    expect(steps?.dataPoints.map((point) => ({ step: point.attributes['step'], value: point.value }))).toEqual([
      { step: 'offer_fetched', value: 1 },
      { step: 'credential_issued', value: 1 },
    ]);
    const issuances = await metric(metricNames.issuances);
    expect(issuances?.dataPoints.map((point) => ({ outcome: point.attributes['outcome'], value: point.value }))).toEqual([{ outcome: 'issued', value: 1 }]);
  });
});

describe('metrics export', () => {
  it('is off without OTEL_EXPORTER_OTLP_METRICS_ENDPOINT: no meter provider, no-op instruments', async () => {
    const telemetry = startTelemetry({ serviceName: 'test' });
    try {
      expect(metrics.getMeterProvider()).not.toBeInstanceOf(MeterProvider);
    } finally {
      await telemetry.shutdown();
    }
  });

  it('sends OTLP/HTTP metrics to the endpoint when one is set', async () => {
    const bodies: string[] = [];
    const server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        bodies.push(`${request.method} ${request.url} ${request.headers['content-type']} ${body}`);
        response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const telemetry = startTelemetry({ serviceName: 'metrics-test', metricsUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/metrics` });
    try {
      const app = await servedApp();
      await app.inject({ method: 'POST', url: '/token', headers: { 'user-agent': 'Lissi/2.1' } });
      await app.close();
      await telemetry.flush();
      const sent = bodies.join('\n');
      expect(sent).toMatch(/^POST \/v1\/metrics application\/json/);
      for (const text of [metricNames.requestDuration, metricNames.errors, 'invalid_grant', 'metrics-test']) expect(sent).toContain(text);
    } finally {
      await telemetry.shutdown();
      server.close();
    }
  });
});
