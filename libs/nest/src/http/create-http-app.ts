import { BODY_LIMIT_BYTES } from '@issuer/contracts-routes';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Logger } from 'pino';
import { PLATFORM_CONFIG, PLATFORM_SECRETS } from '../infrastructure/tokens.js';
import type { PlatformConfig } from '../config/platform-config.js';
import type { PlatformSecrets } from '../infrastructure/platform-secrets.js';
import { ShareLinks } from '../timeline/share-links.js';
import { registerTimelineHooks } from '../timeline/timeline-hooks.js';
import { SessionLogger } from '../timeline/session-logger.js';
import { closeConnectionsOnShutdown } from './close-connections-on-shutdown.js';
import { ProtocolExceptionFilter } from './protocol-exception.filter.js';
import { registerNulCharacterCheck } from './nul-characters.js';
import { registerRateLimits, type RateLimitSettings } from './rate-limits.js';
import { registerBodyParsers } from './unreadable-body.js';
import { registerOversizedBodyDrain } from './drain-oversized-body.js';
import { refuseUnparsableRequest } from './refuse-unparsable-request.js';
import { recordUnparsableRequest } from '../timeline/record-unparsable-request.js';

export interface HttpAppOptions {
  serviceName: string;
  log: Logger;
  rateLimits: RateLimitSettings;
  bodyLimitBytes?: number;
}

const untrackedPrefixes = ['/health', '/v1/logs', '/admin/v1/sessions', '/favicon.ico', '/ui/', '/session-log/v1/shared/'];

/** A Nest application on Fastify with the platform's filter and timeline hooks registered explicitly. */
export async function createHttpApp(module: unknown, options: HttpAppOptions): Promise<NestFastifyApplication> {
  const sessionLogger = new SessionLogger();
  const adapter = new FastifyAdapter({
    bodyLimit: options.bodyLimitBytes ?? BODY_LIMIT_BYTES,
    trustProxy: true,
    logger: false,
    routerOptions: { maxParamLength: 512 },
    // Fastify's own answer to an unreadable request is neither the platform's JSON nor on the timeline.
    clientErrorHandler: (error, socket) => refuseUnparsableRequest(error, socket, (refusal, ip) => recordUnparsableRequest(sessionLogger, refusal, ip)),
  });
  const app = await NestFactory.create<NestFastifyApplication>(module as never, adapter, { logger: ['error', 'warn'], abortOnError: false });
  const fastify = app.getHttpAdapter().getInstance();
  // OID4VCI 1.0 Section 10: encrypted requests arrive as application/jwt, handed to the handler as text.
  fastify.addContentTypeParser('application/jwt', { parseAs: 'string' }, (_request, body, done) => done(null, body));
  registerBodyParsers(app, fastify);
  registerTimelineHooks(app.getHttpAdapter().getInstance(), {
    sessionLogger,
    serviceName: options.serviceName,
    untracked: (path) => untrackedPrefixes.some((prefix) => path.startsWith(prefix)),
  });
  // After the timeline's hooks, so the refusals are on the timeline too.
  registerOversizedBodyDrain(fastify);
  registerRateLimits(fastify, options.rateLimits);
  registerNulCharacterCheck(fastify);
  closeConnectionsOnShutdown(fastify);
  app.useGlobalFilters(new ProtocolExceptionFilter(options.log, shareLinksOf(app)));
  // No enableShutdownHooks(): it re-raises the signal once Nest is closed, which ends the process
  // before the bus is drained and the telemetry flushed. The process entry points own the signals.
  return app;
}

/** Error responses link to the shared timeline (`error_uri`), signed with the process's platform secret. */
function shareLinksOf(app: NestFastifyApplication): ShareLinks {
  const secrets = app.get<PlatformSecrets>(PLATFORM_SECRETS, { strict: false });
  const config = app.get<PlatformConfig>(PLATFORM_CONFIG, { strict: false });
  return new ShareLinks(secrets.nonceSecret, config.publicUrl);
}
