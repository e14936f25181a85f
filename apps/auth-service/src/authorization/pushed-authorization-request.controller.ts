import { Body, Controller, Get, Header, HttpCode, Post, Req } from '@nestjs/common';
import { headerValues, Timeline, type RequestTimeline } from '@issuer/nest';
import { methodNotAllowed } from '@issuer/protocol-errors';
import { readFormParameters, type FormBody } from '@issuer/protocol-oauth2';
import { ClientAuthentication } from '../client/client-authentication.js';
import type { FastifyRequest } from 'fastify';
import { AuthorizationRequests } from './authorization-requests.js';
import { formBody } from './form-body.js';

/** RFC 9126: the pushed authorization request endpoint. */
@Controller('par')
export class PushedAuthorizationRequestController {
  constructor(
    private readonly requests: AuthorizationRequests,
    private readonly clients: ClientAuthentication,
  ) {}

  @Post()
  @HttpCode(201)
  @Header('Cache-Control', 'no-store')
  async push(@Body() body: unknown, @Req() request: FastifyRequest, @Timeline() timeline: RequestTimeline) {
    const form = formBody(body, request, 'RFC 9126 Section 2.1') as FormBody;
    // HAIP 1.0 Section 4.3: the client authenticates at the PAR endpoint as at the token endpoint.
    const client = await this.clients.authenticate({
      attestation: headerValues(request, 'oauth-client-attestation'),
      attestationPop: headerValues(request, 'oauth-client-attestation-pop'),
      authorization: headerValues(request, 'authorization'),
      parameters: readFormParameters(form),
      endpoint: '/par',
      timeline,
    });
    return this.requests.push(form, client, headerValues(request, 'dpop'), timeline);
  }

  // NEGATIVE-TESTS A5: RFC 9126 Section 2 defines POST only.
  @Get()
  @Header('Allow', 'POST')
  refuseGet(): never {
    throw methodNotAllowed({ reason: 'GET to the pushed authorization request endpoint', help: 'POST the authorization parameters form-encoded', specRef: 'RFC 9126 Section 2' });
  }
}
