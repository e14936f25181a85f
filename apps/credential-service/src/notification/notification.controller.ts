import { Body, Controller, Header, HttpCode, Post, Req } from '@nestjs/common';
import { headerValues, Timeline, type RequestTimeline } from '@issuer/nest';
import type { FastifyRequest } from 'fastify';
import { ReceiveNotification } from './receive-notification.js';

/** OID4VCI 1.0 Section 11: the notification endpoint answers 204 on success. */
@Controller('notification')
export class NotificationController {
  constructor(private readonly receiveNotification: ReceiveNotification) {}

  @Post()
  @HttpCode(204)
  @Header('Cache-Control', 'no-store')
  async notification(@Body() body: unknown, @Req() request: FastifyRequest, @Timeline() timeline: RequestTimeline): Promise<void> {
    await this.receiveNotification.execute({ body, authorization: headerValues(request, 'authorization'), dpop: headerValues(request, 'dpop'), timeline });
  }
}
