import { Body, Controller, Get, Header, HttpCode, Post, Req } from '@nestjs/common';
import { Timeline, type RequestTimeline } from '@issuer/nest';
import { methodNotAllowed } from '@issuer/protocol-errors';
import type { FormBody } from '@issuer/protocol-oauth2';
import type { FastifyRequest } from 'fastify';
import { AuthorizationRequests } from './authorization-requests.js';
import { formBody } from './form-body.js';

/** RFC 9126: the pushed authorization request endpoint. */
@Controller('par')
export class PushedAuthorizationRequestController {
  constructor(private readonly requests: AuthorizationRequests) {}

  @Post()
  @HttpCode(201)
  @Header('Cache-Control', 'no-store')
  async push(@Body() body: unknown, @Req() request: FastifyRequest, @Timeline() timeline: RequestTimeline) {
    return this.requests.push(formBody(body, request, 'RFC 9126 Section 2.1') as FormBody, timeline);
  }

  // NEGATIVE-TESTS A5: RFC 9126 Section 2 defines POST only.
  @Get()
  @Header('Allow', 'POST')
  refuseGet(): never {
    throw methodNotAllowed({ reason: 'GET to the pushed authorization request endpoint', help: 'POST the authorization parameters form-encoded', specRef: 'RFC 9126 Section 2' });
  }
}
