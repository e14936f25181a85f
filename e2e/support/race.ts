import { expect } from '@jest/globals';
import { expectProtocolError } from './expect-error.js';
import { eventually, getSession } from './issuer-api.js';
import type { HttpResult } from './wallet.js';

/** How many attempts race for one single-use artefact. */
export const ATTEMPTS = 8;

/** Where the attempt with this index goes: undefined for the platform's address, or a replica's URL. */
export type Spread = (index: number) => string | undefined;

export const onPlatform: Spread = () => undefined;

/** Every other attempt to the replica, the rest through the platform's own instance of the service. */
export const alternating =
  (replicaUrl: () => string): Spread =>
  (index) =>
    index % 2 === 1 ? replicaUrl() : undefined;

/** The attempts, all sent at once. */
export function race(attempt: (index: number) => Promise<HttpResult>, attempts = ATTEMPTS): Promise<HttpResult[]> {
  return Promise.all(Array.from({ length: attempts }, (_, index) => attempt(index)));
}

export interface Refusal {
  status: number;
  error: string;
  /** The session whose timeline must give reason, help and spec_ref. */
  sessionId?: string;
}

/** Exactly one attempt succeeded; every other one is the spec's refusal. Returns the one that succeeded. */
export async function expectExactlyOne(results: HttpResult[], succeeded: number, refusal: Refusal): Promise<HttpResult> {
  expect(results.map((result) => result.status).filter((status) => status === succeeded)).toEqual([succeeded]);
  for (const refused of results.filter((result) => result.status !== succeeded)) await expectProtocolError(refused, refusal.status, refusal.error, refusal.sessionId);
  return results.find((result) => result.status === succeeded) as HttpResult;
}

/** The session's events of `type`, once the first has arrived and a moment more for any later one to follow it. */
export async function sessionEventsOf(sessionId: string, type: string): Promise<unknown[]> {
  const ofType = async () => (await getSession(sessionId))?.events.filter((event) => event.type === type) ?? [];
  await eventually(ofType, (events) => events.length > 0);
  await new Promise((resolve) => setTimeout(resolve, 1000));
  return ofType();
}
