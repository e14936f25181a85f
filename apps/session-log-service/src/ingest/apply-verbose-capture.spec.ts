import { describe, expect, it } from '@jest/globals';
import { applyVerboseCapture } from './apply-verbose-capture.js';
import type { IngestedEntry } from './otlp-logs-to-entries.js';

const at = (second: number) => new Date(Date.UTC(2026, 11, 2, 12, 0, second));
const received = (sessionId: string | null, second: number): IngestedEntry => ({
  sessionId,
  time: at(second),
  level: 'debug',
  endpoint: '/token',
  message: 'POST /token received',
  data: { method: 'POST', headers: { authorization: '<present, len=20>', 'x-forwarded-for': '<verbose capture off, len=11>' }, verbose_headers: { 'x-forwarded-for': '203.0.113.7' } },
  traceId: null,
  spanId: null,
  clientId: null,
  ip: null,
  userAgent: null,
  requestId: 'r',
  dialect: null,
});

describe('applyVerboseCapture', () => {
  const verboseUntil = new Map([['verbose', at(30)]]);

  it('puts the verbose-only headers back while the session’s verbose capture is on', () => {
    const [entry] = applyVerboseCapture([received('verbose', 10)], verboseUntil);
    expect(entry?.data).toEqual({ method: 'POST', headers: { authorization: '<present, len=20>', 'x-forwarded-for': '203.0.113.7' } });
  });

  it('drops them after it expired, for other sessions, and for requests of no session', () => {
    for (const entry of applyVerboseCapture([received('verbose', 31), received('other', 10), received(null, 10)], verboseUntil)) {
      expect(entry.data).toEqual({ method: 'POST', headers: { authorization: '<present, len=20>', 'x-forwarded-for': '<verbose capture off, len=11>' } });
    }
  });
});
