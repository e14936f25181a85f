import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { IngestTimeline } from './ingest-timeline.js';

/** OTLP/HTTP logs receiver (OpenTelemetry Protocol, `/v1/logs`, JSON encoding). */
@Controller('v1/logs')
export class OtlpLogsController {
  constructor(private readonly ingest: IngestTimeline) {}

  @Post()
  @HttpCode(200)
  async receive(@Body() body: unknown) {
    await this.ingest.execute(body);
    return { partialSuccess: {} };
  }
}
