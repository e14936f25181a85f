import { Body, Controller, Header, HttpCode, Post, Req } from '@nestjs/common';
import { headerValues, Timeline, type RequestTimeline } from '@issuer/nest';
import type { FastifyRequest } from 'fastify';
import { IssueCredential } from './issue-credential.js';

/** OID4VCI 1.0 Section 8: the credential endpoint. */
@Controller('credential')
export class CredentialController {
  constructor(private readonly issueCredential: IssueCredential) {}

  @Post()
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  credential(@Body() body: unknown, @Req() request: FastifyRequest, @Timeline() timeline: RequestTimeline) {
    return this.issueCredential.execute({
      body,
      authorization: headerValues(request, 'authorization'),
      dpop: headerValues(request, 'dpop'),
      accessTokenInQuery: typeof request.query === 'object' && request.query !== null && 'access_token' in request.query,
      timeline,
    });
  }
}
