import { expect } from '@jest/globals';
import { timelineWith } from './issuer-api.js';
import type { HttpResult } from './wallet.js';

/** The wire says the spec's code; the session timeline says why, what to do instead, and where it is written. */
export async function expectProtocolError(result: HttpResult, status: number, error: string, sessionId?: string): Promise<void> {
  expect({ status: result.status, error: result.body['error'] }).toEqual({ status, error });
  // NEGATIVE-TESTS C23: JSON, never cached, and RFC 6749 Section 5.2's character set for error_description.
  expect(result.headers.get('cache-control')).toBe('no-store');
  expect(result.headers.get('content-type')).toMatch(/^application\/json\b/);
  expect(result.body['error_description']).toMatch(/^[\x20-\x21\x23-\x5B\x5D-\x7E]+$/);
  if (!sessionId) return;
  const timeline = await timelineWith(sessionId, (entry) => entry.level === 'error' && entry.data?.['error'] === error);
  const entry = timeline.entries.find((candidate) => candidate.level === 'error' && candidate.data?.['error'] === error);
  expect(entry?.data).toEqual(
    expect.objectContaining({ reason: expect.any(String), help: expect.any(String), spec_ref: expect.stringMatching(/(OID4VCI|RFC|HAIP|Token Status List|draft-ietf-|OpenID4VP|SIOPv2)/) }),
  );
}
