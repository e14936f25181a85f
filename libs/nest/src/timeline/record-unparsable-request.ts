import type { UnparsableRequestRefusal } from '../http/refuse-unparsable-request.js';
import { RequestTimeline } from './request-timeline.js';
import type { SessionLogger } from './session-logger.js';

/** Names the endpoint of a request whose request line could not be read. */
export const UNPARSED_ENDPOINT = '(unparsed request)';

/**
 * A request the HTTP parser refused names no session, endpoint or client: it is listed among the
 * requests of no session, by the client's address and time, with why it was refused.
 */
export function recordUnparsableRequest(sessionLogger: SessionLogger, refusal: UnparsableRequestRefusal, ip: string | undefined): void {
  const timeline = new RequestTimeline(UNPARSED_ENDPOINT, ip ? { ip } : {});
  timeline.error(refusal.reason, { ...refusal });
  sessionLogger.write(timeline);
}
