import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import type { LogRecordExporter, ReadableLogRecord } from '@opentelemetry/sdk-logs';

export interface RetrySettings {
  /** Delays before each further attempt; the batch is given up after the last. */
  delaysMs: readonly number[];
  sleep?: (ms: number) => Promise<void>;
}

// About 30 s in all: longer than a restart of the session-log service, shorter than the processor's export timeout.
export const SESSION_LOG_RETRY: RetrySettings = { delaysMs: [250, 500, 1000, 2000, 4000, 8000, 15_000] };

/**
 * Timeline records are the wallet developer's record of a session: a batch the session-log service
 * did not take (restarting, unreachable) is sent again rather than dropped. The processor sends the
 * next batch only once this one is settled, so records keep their order.
 */
export class RetryingLogExporter implements LogRecordExporter {
  private stopped = false;
  private giveUpAt = Number.POSITIVE_INFINITY;

  constructor(
    private readonly inner: LogRecordExporter,
    private readonly settings: RetrySettings = SESSION_LOG_RETRY,
  ) {}

  export(records: ReadableLogRecord[], resultCallback: (result: ExportResult) => void): void {
    void this.attempt(records, 0).then(resultCallback);
  }

  private async attempt(records: ReadableLogRecord[], retry: number): Promise<ExportResult> {
    const result = await new Promise<ExportResult>((resolve) => this.inner.export(records, resolve));
    const delay = this.settings.delaysMs[retry];
    if (result.code === ExportResultCode.SUCCESS || delay === undefined || this.stopped || Date.now() + delay > this.giveUpAt) return result;
    await (this.settings.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))))(delay);
    return this.attempt(records, retry + 1);
  }

  /** On shutdown: retries end by `deadline` (epoch ms), so a receiver that is stopping too cannot hold the process past its grace period. */
  retryUntil(deadline: number): void {
    this.giveUpAt = deadline;
  }

  forceFlush(): Promise<void> {
    return this.inner.forceFlush?.() ?? Promise.resolve();
  }

  shutdown(): Promise<void> {
    this.stopped = true;
    return this.inner.shutdown();
  }
}
