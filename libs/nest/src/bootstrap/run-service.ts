import { Module, type OnApplicationShutdown, type Type } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadPlatformConfig } from '../config/platform-config.js';
import { createHttpApp } from '../http/create-http-app.js';
import { HealthController } from '../http/health.controller.js';
import { createDistributedInfrastructure } from '../infrastructure/infrastructure.js';
import { InfrastructureModule } from '../infrastructure/infrastructure.module.js';
import { startTelemetry } from '../observability/telemetry.js';
import { exitOnSignals } from './exit-on-signals.js';

export interface RunningService {
  app: NestFastifyApplication;
  close(): Promise<void>;
}

/**
 * One service of the distributed mode in its own process: telemetry first, then Postgres and
 * JetStream, then the service's Nest module on its port.
 */
export interface RunServiceOptions {
  onStarted?: (app: NestFastifyApplication) => void;
  /** The request body limit, when the service takes larger bodies than BODY_LIMIT_BYTES. */
  bodyLimitBytes?: number;
}

export async function runService(serviceName: string, serviceModule: Type<unknown>, options: RunServiceOptions = {}): Promise<RunningService> {
  const config = loadPlatformConfig();
  const telemetry = startTelemetry({ serviceName, sessionLogUrl: config.sessionLogOtlpUrl, sessionLogToken: config.otlpIngestToken, tracesUrl: config.tracesUrl, metricsUrl: config.metricsUrl, metricsIntervalMs: config.metricsIntervalMs });
  const infrastructure = await createDistributedInfrastructure(config, serviceName);

  // The root module's shutdown hook runs first, once in-flight requests are answered: their timeline
  // entries leave before the service stops its consumers and closes its database.
  @Module({ imports: [InfrastructureModule.forRoot(infrastructure), serviceModule], controllers: [HealthController] })
  class ServiceHostModule implements OnApplicationShutdown {
    async onApplicationShutdown(): Promise<void> {
      await telemetry.flushForShutdown();
    }
  }

  const app = await createHttpApp(ServiceHostModule, { serviceName, log: infrastructure.log, rateLimits: config.rateLimits, ...(options.bodyLimitBytes !== undefined && { bodyLimitBytes: options.bodyLimitBytes }) });
  options.onStarted?.(app);
  await app.listen({ port: config.port, host: config.host });
  infrastructure.log.info({ port: config.port }, `${serviceName} listening`);

  let closing: Promise<void> | null = null;
  const close = () =>
    (closing ??= (async () => {
      await app.close();
      infrastructure.log.info('requests in flight answered, consumers and outbox relay stopped');
      await infrastructure.close();
      infrastructure.log.info('NATS drained, database closed');
      await telemetry.shutdown();
    })());
  exitOnSignals(close, (message, error) => (error ? infrastructure.log.error({ err: error }, message) : infrastructure.log.info(message)), serviceName);
  return { app, close };
}
