import { Body, Controller, Headers, HttpCode, Post, Res, UseGuards } from '@nestjs/common';
import { invalidRequest, unsupportedMediaType } from '@issuer/protocol-errors';
import type { FastifyReply } from 'fastify';
import { IngestTimeline } from './ingest-timeline.js';
import { OtlpIngestGuard } from './otlp-ingest.guard.js';
import { decodeOtlpLogsProtobuf, MalformedOtlpProtobuf } from './otlp-logs-protobuf.js';
import { OtlpProtobufBody, otlpProtobufContentType } from './otlp-protobuf-parser.js';

/** OTLP/HTTP logs receiver (OpenTelemetry Protocol, `/v1/logs`, JSON or binary protobuf encoding). */
@Controller('v1/logs')
@UseGuards(OtlpIngestGuard)
export class OtlpLogsController {
  constructor(private readonly ingest: IngestTimeline) {}

  @Post()
  @HttpCode(200)
  async receive(@Body() body: unknown, @Headers('content-type') contentType: string | undefined, @Res({ passthrough: true }) reply: FastifyReply) {
    if (!(body instanceof OtlpProtobufBody)) {
      if (!/^application\/json\s*(;|$)/i.test(contentType ?? '')) throw refusedContentType(contentType);
      await this.ingest.execute(body);
      return { partialSuccess: {} };
    }
    await this.ingest.execute(decodeProtobuf(body.bytes));
    // The response is encoded as the request was; an empty ExportLogsServiceResponse is zero bytes (OTLP Specification, "Full Success").
    void reply.header('content-type', otlpProtobufContentType);
    return Buffer.alloc(0);
  }
}

function decodeProtobuf(bytes: Buffer): unknown {
  try {
    return decodeOtlpLogsProtobuf(bytes);
  } catch (error) {
    if (!(error instanceof MalformedOtlpProtobuf)) throw error;
    throw invalidRequest({
      reason: `The request body is not an OTLP ExportLogsServiceRequest in binary protobuf (${error.message}).`,
      help: 'Send OTLP/HTTP logs as application/x-protobuf (ExportLogsServiceRequest) or as application/json.',
      specRef: 'OTLP Specification 1.x, OTLP/HTTP Binary Protobuf Encoding',
    });
  }
}

// OTLP/HTTP: "The server MUST support either binary-encoded Protobuf or JSON-encoded Protobuf payloads" (OTLP Specification, "OTLP/HTTP Request").
function refusedContentType(contentType: string | undefined) {
  return unsupportedMediaType({
    reason: `OTLP/HTTP logs come as application/x-protobuf or application/json, not ${JSON.stringify(contentType ?? '')}.`,
    help: 'Set the Content-Type of the export to application/x-protobuf or application/json.',
    specRef: 'OTLP Specification 1.x, OTLP/HTTP Request',
  });
}
