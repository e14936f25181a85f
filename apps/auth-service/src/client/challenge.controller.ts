import { Controller, HttpCode, Post, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ClientAuthentication } from './client-authentication.js';

/** draft-ietf-oauth-attestation-based-client-auth Section 8: the challenge endpoint for Client Attestation PoPs. */
@Controller('challenge')
export class ChallengeController {
  constructor(private readonly clients: ClientAuthentication) {}

  @Post()
  @HttpCode(200)
  challenge(@Res({ passthrough: true }) reply: FastifyReply) {
    const { body, headers } = this.clients.challenge();
    void reply.headers(headers);
    return body;
  }
}
