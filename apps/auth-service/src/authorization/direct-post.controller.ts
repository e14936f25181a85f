import { Body, Controller, Get, Header, Post, Req, Res } from '@nestjs/common';
import { Timeline, type RequestTimeline } from '@issuer/nest';
import { methodNotAllowed } from '@issuer/protocol-errors';
import type { FormBody } from '@issuer/protocol-oauth2';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { formBody } from './form-body.js';
import { HolderAuthentication } from './holder-authentication.js';

/**
 * OpenID4VP 1.0 Section 8.2 (response mode direct_post) as EBSI v4 uses it: the holder's wallet
 * POSTs the ID Token that authenticates its DID, and is redirected to its redirect_uri with the code.
 */
@Controller('direct_post')
export class DirectPostController {
  constructor(private readonly holders: HolderAuthentication) {}

  @Post()
  @Header('Cache-Control', 'no-store')
  async receive(@Body() body: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply, @Timeline() timeline: RequestTimeline) {
    const form = formBody(body, request, 'OpenID4VP 1.0 Section 8.2') as FormBody;
    return reply.status(302).header('location', await this.holders.complete(form, timeline)).send();
  }

  @Get()
  @Header('Allow', 'POST')
  refuseGet(): never {
    throw methodNotAllowed({ reason: 'GET to the direct_post endpoint', help: 'POST id_token and state form-encoded', specRef: 'OpenID4VP 1.0 Section 8.2' });
  }
}
