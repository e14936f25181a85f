import { context, metrics, propagation, trace } from '@opentelemetry/api';
import { logs } from '@opentelemetry/api-logs';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPLogExporter } from '@opentelemetry/exporter-logs-otlp-http';
import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchLogRecordProcessor, LoggerProvider, type LogRecordExporter } from '@opentelemetry/sdk-logs';
import { MeterProvider, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import { BatchSpanProcessor, TracerProvider, type SpanProcessor } from '@opentelemetry/sdk-trace';
import { ForwardingLogExporter } from './forwarding-log-exporter.js';
import { RetryingLogExporter } from './retrying-log-exporter.js';

export interface TelemetryOptions {
  serviceName: string;
  /** OTLP/HTTP logs endpoint of the session-log service (distributed mode). */
  sessionLogUrl?: string;
  /** Sent as a Bearer token to the session-log receiver (OTLP_INGEST_TOKEN). */
  sessionLogToken?: string;
  /** OTLP/HTTP traces endpoint (a collector), when traces are exported. */
  tracesUrl?: string;
  /** OTLP/HTTP metrics endpoint (OTEL_EXPORTER_OTLP_METRICS_ENDPOINT); without one no meter provider is installed and every instrument is a no-op. */
  metricsUrl?: string;
  /** How often metrics are exported. */
  metricsIntervalMs?: number;
}

export interface Telemetry {
  /** In the embedded platform the session-log module attaches here instead of an HTTP endpoint. */
  localLogs: ForwardingLogExporter;
  flush(): Promise<void>;
  /** The last flush before the process stops: retries of timeline records end within a few seconds. */
  flushForShutdown(): Promise<void>;
  shutdown(): Promise<void>;
}

// Leaves the rest of the grace period (exitOnSignals) to the bus and the database.
const SHUTDOWN_RETRY_MS = 5000;

/** Started before Nest in every app so every request span and timeline record has a provider. */
export function startTelemetry(options: TelemetryOptions): Telemetry {
  const contextManager = new AsyncLocalStorageContextManager().enable();
  context.setGlobalContextManager(contextManager);
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  const resource = resourceFromAttributes({ 'service.name': options.serviceName });

  const spanProcessors: SpanProcessor[] = options.tracesUrl ? [new BatchSpanProcessor({ exporter: new OTLPTraceExporter({ url: options.tracesUrl }) })] : [];
  const tracerProvider = new TracerProvider({ resource, spanProcessors });
  trace.setGlobalTracerProvider(tracerProvider);

  const meterProvider = options.metricsUrl
    ? new MeterProvider({
        resource,
        readers: [new PeriodicExportingMetricReader({ exporter: new OTLPMetricExporter({ url: options.metricsUrl }), exportIntervalMillis: options.metricsIntervalMs ?? 15_000 })],
      })
    : undefined;
  if (meterProvider) metrics.setGlobalMeterProvider(meterProvider);

  const localLogs = new ForwardingLogExporter();
  const retrying = options.sessionLogUrl
    ? new RetryingLogExporter(new OTLPLogExporter({ url: options.sessionLogUrl, headers: options.sessionLogToken ? { authorization: `Bearer ${options.sessionLogToken}` } : {} }))
    : undefined;
  const logExporter: LogRecordExporter = retrying ?? localLogs;
  const loggerProvider = new LoggerProvider({
    resource,
    processors: [new BatchLogRecordProcessor({ exporter: logExporter, scheduledDelayMillis: 200, maxExportBatchSize: 128, maxQueueSize: 8192, exportTimeoutMillis: 60_000 })],
  });
  logs.setGlobalLoggerProvider(loggerProvider);

  return {
    localLogs,
    async flush() {
      await Promise.all([loggerProvider.forceFlush(), tracerProvider.forceFlush(), meterProvider?.forceFlush()]);
    },
    async flushForShutdown() {
      retrying?.retryUntil(Date.now() + SHUTDOWN_RETRY_MS);
      await this.flush();
    },
    async shutdown() {
      retrying?.retryUntil(Date.now() + SHUTDOWN_RETRY_MS);
      await Promise.all([loggerProvider.shutdown(), tracerProvider.shutdown(), meterProvider?.shutdown()]);
      logs.disable();
      if (meterProvider) metrics.disable();
      trace.disable();
      contextManager.disable();
    },
  };
}
