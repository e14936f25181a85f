import { Inject, Module, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { SessionLogRepository } from '@issuer/data-access-session-log';
import { EVENT_BUS, type EventBus } from '@issuer/nest';
import { SessionEventsConsumer } from './events/session-events.consumer.js';
import { ExportTimeline } from './export/export-timeline.js';
import { IngestTimeline } from './ingest/ingest-timeline.js';
import { OtlpLogsController } from './ingest/otlp-logs.controller.js';
import { OtlpProtobufParser } from './ingest/otlp-protobuf-parser.js';
import { SESSION_LOG_REPOSITORY, sessionLogRepositoryProvider } from './session-log-repository.provider.js';
import { SessionsController } from './sessions/sessions.controller.js';
import { ReadSharedTimeline } from './shared/read-shared-timeline.js';
import { shareLinksProvider } from './shared/share-links.provider.js';
import { SharedTimelineController } from './shared/shared-timeline.controller.js';
import { UiController } from './ui/ui.controller.js';
import { VerboseCaptureController } from './verbose-capture/verbose-capture.controller.js';
import { WalletsController } from './wallets/wallets.controller.js';

/** Receives timeline entries over OTLP and events from the bus; serves per-session timelines. */
@Module({
  controllers: [OtlpLogsController, SessionsController, SharedTimelineController, WalletsController, VerboseCaptureController, UiController],
  providers: [sessionLogRepositoryProvider, shareLinksProvider, IngestTimeline, SessionEventsConsumer, ReadSharedTimeline, ExportTimeline, OtlpProtobufParser],
  exports: [IngestTimeline],
})
export class SessionLogServiceModule implements OnModuleInit, OnApplicationShutdown {
  private stop: (() => Promise<void>) | null = null;

  constructor(
    @Inject(SESSION_LOG_REPOSITORY) private readonly repository: SessionLogRepository,
    @Inject(EVENT_BUS) private readonly events: EventBus,
    private readonly consumer: SessionEventsConsumer,
  ) {}

  async onModuleInit(): Promise<void> {
    const subscription = await this.events.subscribeBatch({ durable: this.consumer.durable, subjects: this.consumer.subjects }, (envelopes) =>
      this.consumer.handle(envelopes),
    );
    this.stop = () => subscription.stop();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stop?.();
    await this.repository.close();
  }
}
