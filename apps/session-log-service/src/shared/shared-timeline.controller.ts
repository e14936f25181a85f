import { Controller, Get, Param } from '@nestjs/common';
import { ReadSharedTimeline } from './read-shared-timeline.js';

/** Share links (no API key): the token is the capability for one session's or one request's timeline. */
@Controller('session-log/v1/shared')
export class SharedTimelineController {
  constructor(private readonly read: ReadSharedTimeline) {}

  @Get(':token')
  get(@Param('token') token: string) {
    return this.read.execute(token);
  }
}
