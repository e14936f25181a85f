import { Module, type OnApplicationShutdown } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AuthServiceModule } from '@issuer/auth-service';
import { CredentialServiceModule } from '@issuer/credential-service';
import { DeferredServiceModule } from '@issuer/deferred-service';
import {
  createEmbeddedInfrastructure,
  createHttpApp,
  HealthController,
  InfrastructureModule,
  startTelemetry,
  type Infrastructure,
  type PlatformConfig,
} from '@issuer/nest';
import { OfferServiceModule } from '@issuer/offer-service';
import { IngestTimeline, SessionLogServiceModule } from '@issuer/session-log-service';
import { allMigrations } from './migrations.js';

export interface EmbeddedPlatform {
  app: NestFastifyApplication;
  infrastructure: Infrastructure;
  /** Waits until every timeline entry and event so far is stored (for tests and the demo). */
  settle(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The embedded default (ARCHITECTURE.md principle 10): the five services' modules in one process,
 * on PGlite with the same schemas and migrations, and the in-process bus with the same contracts.
 */
export async function startEmbeddedPlatform(config: PlatformConfig): Promise<EmbeddedPlatform> {
  const telemetry = startTelemetry({ serviceName: 'issuer-platform', tracesUrl: config.tracesUrl, metricsUrl: config.metricsUrl, metricsIntervalMs: config.metricsIntervalMs });
  const infrastructure = await createEmbeddedInfrastructure(config, allMigrations);

  @Module({
    imports: [InfrastructureModule.forRoot(infrastructure), OfferServiceModule, AuthServiceModule, CredentialServiceModule, DeferredServiceModule, SessionLogServiceModule],
    controllers: [HealthController],
  })
  class PlatformModule implements OnApplicationShutdown {
    // The root module's hook runs first, once in-flight requests are answered: their events are
    // handled and their timeline entries stored before the modules close their stores.
    async onApplicationShutdown(): Promise<void> {
      await settle();
    }
  }

  const app = await createHttpApp(PlatformModule, { serviceName: 'issuer-platform', log: infrastructure.log, rateLimits: config.rateLimits });
  const ingest = app.get(IngestTimeline);
  telemetry.localLogs.attach(async (request) => {
    await ingest.execute(request);
  });
  await app.init();

  async function settle(): Promise<void> {
    await infrastructure.drain();
    await telemetry.flush();
    await infrastructure.drain();
  }

  return {
    app,
    infrastructure,
    settle,
    async close() {
      await app.close();
      await telemetry.shutdown();
      await infrastructure.close();
    },
  };
}
