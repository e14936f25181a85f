import { readdirSync, readFileSync } from 'node:fs';
import { Controller, Get, Header, Inject, Param, Res, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { notFound } from '@issuer/protocol-errors';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { grafanaUrlFrom } from './grafana-url.js';
import { uiStyles } from './ui-styles.js';
import { renderUiShell, type UiShell } from './ui-shell.js';

// No inline script or style: what a wallet sent can never run here. The share token is in the
// path, so no Referer leaves with it.
export const uiContentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

// Compiled from apps/session-log-service/browser, type-checked against the DOM by the build.
const browserDir = new URL('../browser/', import.meta.url);

/** The operator's pages over the session timelines, and the share-link holder's page. */
@Controller('ui')
export class UiController implements OnModuleInit {
  private readonly grafanaUrl = grafanaUrlFrom(process.env['GRAFANA_URL']);
  private readonly scripts = new Map(readdirSync(browserDir).filter((file) => file.endsWith('.js')).map((file) => [file, readFileSync(new URL(file, browserDir), 'utf8')]));

  constructor(@Inject(HttpAdapterHost) private readonly adapterHost: HttpAdapterHost) {}

  // Nest drops a trailing slash from route paths, and the route table gives this service the paths under `/ui/`.
  onModuleInit(): void {
    this.adapterHost.httpAdapter?.getInstance<FastifyInstance>().get('/ui/', (_request, reply) => this.sessions(reply));
  }

  @Get()
  sessions(@Res() reply: FastifyReply) {
    return this.page(reply, { page: 'sessions', title: 'Issuance sessions', data: {} });
  }

  @Get('sessions/:sessionId')
  session(@Param('sessionId') sessionId: string, @Res() reply: FastifyReply) {
    return this.page(reply, { page: 'session', title: `Session ${sessionId}`, data: { 'session-id': sessionId, 'grafana-url': this.grafanaUrl } });
  }

  @Get('shared/:token')
  shared(@Param('token') token: string, @Res() reply: FastifyReply) {
    return this.page(reply, { page: 'shared', title: 'Shared session timeline', data: { token, 'grafana-url': this.grafanaUrl } });
  }

  @Get('wallets')
  wallets(@Res() reply: FastifyReply) {
    return this.page(reply, { page: 'wallets', title: 'Wallet compatibility', data: {} });
  }

  @Get('assets/ui.css')
  @Header('Content-Type', 'text/css; charset=utf-8')
  @Header('Cache-Control', 'no-cache')
  styles() {
    return uiStyles;
  }

  @Get('assets/:file')
  script(@Param('file') file: string, @Res() reply: FastifyReply) {
    const script = this.scripts.get(file);
    if (!script) throw notFound({ reason: `No file ${file} in the session pages.`, help: 'Open /ui/.' });
    return reply.header('content-type', 'text/javascript; charset=utf-8').header('cache-control', 'no-cache').header('x-content-type-options', 'nosniff').send(script);
  }

  private page(reply: FastifyReply, shell: UiShell) {
    return reply
      .header('content-type', 'text/html; charset=utf-8')
      .header('content-security-policy', uiContentSecurityPolicy)
      .header('referrer-policy', 'no-referrer')
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'no-store')
      .send(renderUiShell(shell));
  }
}
