import { Body, Controller, Get, Header, Post, Query, Req, Res } from '@nestjs/common';
import { Timeline, type RequestTimeline } from '@issuer/nest';
import type { FormBody } from '@issuer/protocol-oauth2';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuthorizationRequests } from './authorization-requests.js';
import { formBody } from './form-body.js';
import { HolderAuthentication } from './holder-authentication.js';
import { renderLoginPage } from './login-page.js';

/** RFC 6749 Section 4.1.1: the authorization endpoint, where the End-User logs in and consents. */
@Controller('authorize')
export class AuthorizeController {
  constructor(
    private readonly requests: AuthorizationRequests,
    private readonly holders: HolderAuthentication,
  ) {}

  @Get()
  @Header('Cache-Control', 'no-store')
  async show(@Query() query: Record<string, unknown>, @Res() reply: FastifyReply, @Timeline() timeline: RequestTimeline) {
    const { requestUri, record } = await this.requests.open(query as FormBody, timeline);
    // EBSI v4: the holder's wallet authenticates its DID; no End-User login.
    if (record.holderAuthorizationEndpoint !== null) return reply.status(302).header('location', await this.holders.requestIdToken(record, timeline)).send();
    const login = await this.requests.startLogin(requestUri, record, timeline);
    if ('redirect' in login) return reply.status(302).header('location', login.redirect).send();
    return this.page(reply, 200, login);
  }

  /** OpenID Connect Core 1.0 Section 3.1.2.5: the End-User back from the OpenID Provider, to consent. */
  @Get('callback')
  @Header('Cache-Control', 'no-store')
  async callback(@Query() query: Record<string, unknown>, @Res() reply: FastifyReply, @Timeline() timeline: RequestTimeline) {
    const login = await this.requests.returnFromLogin(query as FormBody, timeline);
    if ('redirect' in login) return reply.status(303).header('location', login.redirect).send();
    return this.page(reply, 200, login);
  }

  @Post()
  @Header('Cache-Control', 'no-store')
  async submit(@Body() body: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply, @Timeline() timeline: RequestTimeline) {
    const form = formBody(body, request, 'RFC 6749 Section 4.1.1') as FormBody;
    const outcome = await this.requests.login(form, timeline);
    if ('redirect' in outcome) return reply.status(303).header('location', outcome.redirect).send();
    const { requestUri, record } = await this.requests.open({ request_uri: form.request_uri, client_id: form.client_id }, timeline);
    return this.page(reply, 401, { requestUri, clientId: record.clientId, credentials: this.requests.describe(record), form: outcome.form, problem: outcome.retry });
  }

  private page(reply: FastifyReply, status: number, page: Parameters<typeof renderLoginPage>[0]) {
    // The page embeds the request_uri: no framing by other sites, no referrer leaking it.
    return reply
      .status(status)
      .header('content-type', 'text/html; charset=utf-8')
      .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'")
      .header('referrer-policy', 'no-referrer')
      .send(renderLoginPage(page));
  }
}
