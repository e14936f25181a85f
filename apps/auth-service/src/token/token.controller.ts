import { Body, Controller, Header, HttpCode, Post, Req } from '@nestjs/common';
import { headerValues, Timeline, type RequestTimeline } from '@issuer/nest';
import type { FastifyRequest } from 'fastify';
import { ExchangeToken } from './exchange-token.js';

/** RFC 6749 Section 3.2 / OID4VCI 1.0 Section 6: the token endpoint. */
@Controller()
export class TokenController {
  constructor(private readonly exchangeToken: ExchangeToken) {}

  @Post('token')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  async token(@Body() body: unknown, @Req() request: FastifyRequest, @Timeline() timeline: RequestTimeline) {
    const form = request.headers['content-type']?.startsWith('application/x-www-form-urlencoded') ? body : undefined;
    return this.exchangeToken.execute({ form, dpop: headerValues(request, 'dpop'), timeline });
  }
}
