import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { refuseContentType } from '@issuer/nest';
import type { FastifyInstance } from 'fastify';

export const otlpProtobufContentType = 'application/x-protobuf';

/** The undecoded body of an OTLP/HTTP request in the binary protobuf encoding. */
export class OtlpProtobufBody {
  constructor(readonly bytes: Buffer) {}
}

/**
 * OTLP/HTTP carries binary protobuf as `application/x-protobuf` (OTLP Specification, "OTLP/HTTP
 * Request"); only the logs receiver takes it, every other endpoint refuses it as before.
 */
@Injectable()
export class OtlpProtobufParser implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify || fastify.hasContentTypeParser(otlpProtobufContentType)) return;
    fastify.addContentTypeParser(otlpProtobufContentType, { parseAs: 'buffer' }, (request, body, done) => {
      const path = request.url.split('?', 1)[0];
      if (path !== '/v1/logs') return refuseContentType(request, done);
      done(null, new OtlpProtobufBody(body as Buffer));
    });
  }
}
