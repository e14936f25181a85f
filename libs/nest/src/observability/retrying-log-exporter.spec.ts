import { describe, expect, it } from '@jest/globals';
import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import type { LogRecordExporter, ReadableLogRecord } from '@opentelemetry/sdk-logs';
import { RetryingLogExporter } from './retrying-log-exporter.js';

/** Fails the first `failures` exports, then takes them. */
function flakyExporter(failures: number) {
  const calls: number[] = [];
  const exporter: LogRecordExporter = {
    export(records, done) {
      calls.push(records.length);
      done({ code: calls.length > failures ? ExportResultCode.SUCCESS : ExportResultCode.FAILED, error: new Error('connect ECONNREFUSED') });
    },
    forceFlush: async () => undefined,
    shutdown: async () => undefined,
  };
  return { exporter, calls };
}

const records = [{}, {}] as unknown as ReadableLogRecord[];
const exportWith = (exporter: RetryingLogExporter) => new Promise<ExportResult>((resolve) => exporter.export(records, resolve));

describe('RetryingLogExporter', () => {
  it('sends a batch again until the receiver takes it', async () => {
    const { exporter, calls } = flakyExporter(3);
    const waits: number[] = [];
    const retrying = new RetryingLogExporter(exporter, { delaysMs: [1, 2, 4, 8], sleep: async (ms) => void waits.push(ms) });

    expect((await exportWith(retrying)).code).toBe(ExportResultCode.SUCCESS);
    expect(calls).toEqual([2, 2, 2, 2]);
    expect(waits).toEqual([1, 2, 4]);
  });

  it('gives the batch up after the last delay', async () => {
    const { exporter, calls } = flakyExporter(10);
    const retrying = new RetryingLogExporter(exporter, { delaysMs: [1, 1], sleep: async () => undefined });

    expect((await exportWith(retrying)).code).toBe(ExportResultCode.FAILED);
    expect(calls).toHaveLength(3);
  });

  it('stops retrying once shut down', async () => {
    const { exporter, calls } = flakyExporter(10);
    const retrying = new RetryingLogExporter(exporter, { delaysMs: [1, 1, 1], sleep: async () => void (await retrying.shutdown()) });

    expect((await exportWith(retrying)).code).toBe(ExportResultCode.FAILED);
    expect(calls).toHaveLength(2);
  });

  it('retries no longer than the deadline set on shutdown', async () => {
    const { exporter, calls } = flakyExporter(10);
    const retrying = new RetryingLogExporter(exporter, { delaysMs: [1, 60_000, 1], sleep: async () => undefined });
    retrying.retryUntil(Date.now() + 1000);

    expect((await exportWith(retrying)).code).toBe(ExportResultCode.FAILED);
    expect(calls).toHaveLength(2);
  });
});
