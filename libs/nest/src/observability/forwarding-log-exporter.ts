import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import type { LogRecordExporter, ReadableLogRecord } from '@opentelemetry/sdk-logs';
import { otlpJsonLogsRequest } from './otlp-json-logs.js';

export type OtlpLogsReceiver = (request: unknown) => Promise<void>;

/**
 * Hands log records to a receiver in this process in the same OTLP/JSON form the session-log
 * service accepts over HTTP, so the embedded platform and the mesh share one ingestion path.
 * Records exported before a receiver is attached wait for it.
 */
export class ForwardingLogExporter implements LogRecordExporter {
  private receiver: OtlpLogsReceiver | null = null;
  private pending: ReadableLogRecord[] = [];

  attach(receiver: OtlpLogsReceiver): void {
    this.receiver = receiver;
    const waiting = this.pending;
    this.pending = [];
    if (waiting.length > 0) this.export(waiting, () => undefined);
  }

  export(records: ReadableLogRecord[], done: (result: ExportResult) => void): void {
    if (!this.receiver) {
      this.pending.push(...records);
      done({ code: ExportResultCode.SUCCESS });
      return;
    }
    this.receiver(otlpJsonLogsRequest(records)).then(
      () => done({ code: ExportResultCode.SUCCESS }),
      (error: unknown) => done({ code: ExportResultCode.FAILED, error: error instanceof Error ? error : new Error(String(error)) }),
    );
  }

  async shutdown(): Promise<void> {
    this.receiver = null;
  }

  async forceFlush(): Promise<void> {}
}
