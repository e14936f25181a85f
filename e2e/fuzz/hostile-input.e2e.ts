import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { createIssuance, preAuthorizedCodeOf } from '../support/issuer-api.js';
import { send, TestWallet } from '../support/wallet.js';
import { FuzzTally, processTreeRss } from './fuzz-tally.js';
import { hostileRequests } from './hostile-requests.js';
import { heapUsedAfterCollection } from './platform-heap.js';
import { sendHostile, type WalletSession } from './send-hostile.js';

// CI sends a bounded pass; `npm run fuzz` raises FUZZ_RUNS and writes the tally to FUZZ_REPORT.
const RUNS = Number(process.env['FUZZ_RUNS'] ?? 25);
const SEED = process.env['FUZZ_SEED'] ? Number(process.env['FUZZ_SEED']) : undefined;
// With the inspector (`npm run fuzz`), the heap after a full collection must stay flat; without it,
// resident memory (of each of the platform's processes) moves with the collector's timing, and only a gross leak shows.
const INSPECTOR_PORT = process.env['E2E_INSPECT_PORT'] ? Number(process.env['E2E_INSPECT_PORT']) : undefined;
const HEAP_GROWTH_LIMIT = 32 * 1024 * 1024;
const RSS_GROWTH_LIMIT_PER_PROCESS = 96 * 1024 * 1024;

const tally = new FuzzTally();
const platformPid = Number(process.env['E2E_PLATFORM_PID']);
let session: WalletSession;
let rssBefore = 0;
let heapBefore: number | undefined;
let heapAfter: number | undefined;

beforeAll(async () => {
  const issuance = await createIssuance();
  const wallet = new TestWallet();
  const token = await wallet.token({ grant_type: 'urn:ietf:params:oauth:grant-type:pre-authorized_code', 'pre-authorized_code': preAuthorizedCodeOf(issuance) });
  expect(token.status).toBe(200);
  session = { wallet, accessToken: token.body['access_token'] as string };
  rssBefore = processTreeRss(platformPid).bytes;
  if (INSPECTOR_PORT !== undefined) heapBefore = await heapUsedAfterCollection(INSPECTOR_PORT);
});

afterAll(() => {
  const report = { runs_per_endpoint: RUNS, seed: SEED ?? null, sent: tally.sent, server_errors: tally.serverErrors, rss_before: rssBefore, rss_after: processTreeRss(platformPid).bytes, heap_before: heapBefore ?? null, heap_after: heapAfter ?? null, endpoints: tally.byEndpoint };
  if (process.env['FUZZ_REPORT']) writeFileSync(process.env['FUZZ_REPORT'], `${JSON.stringify(report, null, 2)}\n`);
});

describe('hostile input at every public endpoint (fuzz)', () => {
  it.each(Object.keys(hostileRequests))(
    '%s: every answer is a client error with an error code, never a 5xx or a hang',
    async (endpoint) => {
      await fc.assert(
        fc.asyncProperty(hostileRequests[endpoint]!, async (request) => {
          const verdict = await sendHostile(request, session);
          tally.record(endpoint, verdict);
          expect({ request, defect: verdict.defect }).toEqual({ request, defect: undefined });
        }),
        { numRuns: RUNS, seed: SEED, endOnFailure: true },
      );
    },
    60_000 + RUNS * 1_000,
  );

  it('leaves the platform up, ready, and its memory flat', async () => {
    const ready = await send('/health/ready', { method: 'GET' });
    expect(ready.status).toBe(200);
    if (INSPECTOR_PORT === undefined || heapBefore === undefined) {
      const rss = processTreeRss(platformPid);
      expect(rss.bytes - rssBefore).toBeLessThan(RSS_GROWTH_LIMIT_PER_PROCESS * rss.processes);
      return;
    }
    heapAfter = await heapUsedAfterCollection(INSPECTOR_PORT);
    expect(heapAfter - heapBefore).toBeLessThan(HEAP_GROWTH_LIMIT);
  });
});
