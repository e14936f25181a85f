import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { IngestTimeline } from './ingest-timeline.js';
import { OtlpIngestGuard } from './otlp-ingest.guard.js';

/** OTLP/HTTP logs receiver (OpenTelemetry Protocol, `/v1/logs`, JSON encoding). */
@Controller('v1/logs')
@UseGuards(OtlpIngestGuard)
export class OtlpLogsController {
  constructor(private readonly ingest: IngestTimeline) {}

  @Post()
  @HttpCode(200)
  async receive(@Body() body: unknown) {
    await this.ingest.execute(body);
    return { partialSuccess: {} };
  }
}
