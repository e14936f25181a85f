import { Body, Controller, Header, HttpCode, Post, Req, Res } from '@nestjs/common';
import { EncryptedCredentialResponse, headerValues, Timeline, type RequestTimeline } from '@issuer/nest';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DeliverDeferredCredential } from './deliver-deferred-credential.js';

/** OID4VCI 1.0 Section 9: the deferred credential endpoint. */
@Controller('deferred_credential')
export class DeferredCredentialController {
  constructor(private readonly deliverDeferredCredential: DeliverDeferredCredential) {}

  @Post()
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  async deferred(@Body() body: unknown, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply, @Timeline() timeline: RequestTimeline) {
    const { status, body: response } = await this.deliverDeferredCredential.execute({
      body,
      authorization: headerValues(request, 'authorization'),
      dpop: headerValues(request, 'dpop'),
      timeline,
    });
    void reply.status(status);
    if (!(response instanceof EncryptedCredentialResponse)) return response;
    void reply.header('content-type', 'application/jwt');
    return response.jwe;
  }
}
