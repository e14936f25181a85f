import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { RequestTimeline } from '../timeline/request-timeline.js';

declare module 'fastify' {
  interface FastifyRequest {
    timeline?: RequestTimeline;
  }
}

export function timelineOf(request: FastifyRequest): RequestTimeline | undefined {
  return request.timeline;
}

/** Injects the request's timeline into a handler: `@Timeline() timeline: RequestTimeline`. */
export const Timeline = createParamDecorator((_: unknown, ctx: ExecutionContext): RequestTimeline => {
  const request = ctx.switchToHttp().getRequest<FastifyRequest>();
  request.timeline ??= new RequestTimeline(request.url, {});
  return request.timeline;
});
