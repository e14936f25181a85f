import { Inject, Injectable } from '@nestjs/common';
import type { SessionTimeline } from '@issuer/data-access-session-log';
import { PLATFORM_CONFIG, type PlatformConfig } from '@issuer/nest';
import { sessionToCurl } from './session-to-curl.js';
import { sessionToHar } from './session-to-har.js';

export type ExportFormat = 'har' | 'sh';

export interface ExportedTimeline {
  contentType: string;
  filename: string;
  body: string;
}

/** A timeline as a HAR 1.2 file or a curl script, both from the redacted entries only. */
@Injectable()
export class ExportTimeline {
  constructor(@Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig) {}

  execute(timeline: Pick<SessionTimeline, 'entries'>, format: ExportFormat, name: string): ExportedTimeline {
    const title = `Issuer timeline ${name}`;
    const filename = `${name.replace(/[^A-Za-z0-9_-]/g, '_')}.${format}`;
    if (format === 'har') return { contentType: 'application/json', filename, body: JSON.stringify(sessionToHar(timeline.entries, this.config.publicUrl, title), null, 2) };
    return { contentType: 'text/x-shellscript; charset=utf-8', filename, body: sessionToCurl(timeline.entries, this.config.publicUrl, title) };
  }
}

export function sendExport(reply: { header(name: string, value: string): unknown }, exported: ExportedTimeline): string {
  reply.header('content-type', exported.contentType);
  reply.header('content-disposition', `attachment; filename="${exported.filename}"`);
  reply.header('cache-control', 'no-store');
  return exported.body;
}
