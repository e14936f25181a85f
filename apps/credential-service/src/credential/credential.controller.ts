import { Body, Controller, Header, HttpCode, Post, Req, Res } from '@nestjs/common';
import { EncryptedCredentialResponse, headerValues, Timeline, type RequestTimeline } from '@issuer/nest';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { IssueCredential } from './issue-credential.js';

/** OID4VCI 1.0 Section 8: the credential endpoint; 202 for a deferred credential (Section 8.3). */
@Controller('credential')
export class CredentialController {
  constructor(private readonly issueCredential: IssueCredential) {}

  @Post()
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  async credential(@Body() body: unknown, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply, @Timeline() timeline: RequestTimeline) {
    const { status, body: response } = await this.issueCredential.execute({
      body,
      authorization: headerValues(request, 'authorization'),
      dpop: headerValues(request, 'dpop'),
      accessTokenInQuery: typeof request.query === 'object' && request.query !== null && 'access_token' in request.query,
      timeline,
    });
    void reply.status(status);
    if (!(response instanceof EncryptedCredentialResponse)) return response;
    void reply.header('content-type', 'application/jwt');
    return response.jwe;
  }
}
