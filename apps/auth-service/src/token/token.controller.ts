import { Body, Controller, Header, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { CLOCK, dpopNonceSettings, headerValues, PLATFORM_CONFIG, PLATFORM_SECRETS, Timeline, type Clock, type PlatformConfig, type PlatformSecrets, type RequestTimeline } from '@issuer/nest';
import { dpopNonceHeaders } from '@issuer/protocol-oauth2';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ExchangeToken } from './exchange-token.js';

/** RFC 6749 Section 3.2 / OID4VCI 1.0 Section 6: the token endpoint. */
@Controller()
export class TokenController {
  constructor(
    private readonly exchangeToken: ExchangeToken,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
    @Inject(PLATFORM_SECRETS) private readonly secrets: PlatformSecrets,
    @Inject(CLOCK) private readonly now: Clock,
  ) {}

  @Post('token')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  async token(@Body() body: unknown, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply, @Timeline() timeline: RequestTimeline) {
    const form = request.headers['content-type']?.startsWith('application/x-www-form-urlencoded') ? body : undefined;
    const response = await this.exchangeToken.execute({
      form,
      dpop: headerValues(request, 'dpop'),
      clientAttestation: headerValues(request, 'oauth-client-attestation'),
      clientAttestationPop: headerValues(request, 'oauth-client-attestation-pop'),
      authorization: headerValues(request, 'authorization'),
      timeline,
    });
    // RFC 9449 Section 8.2: a fresh nonce for the next proof, while nonces are on.
    void reply.headers(dpopNonceHeaders(dpopNonceSettings(this.config, this.secrets), this.now()));
    return response;
  }
}
