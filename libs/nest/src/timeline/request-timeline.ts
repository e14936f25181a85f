import type { AppliedTestBehaviour } from '@issuer/contracts-events';
import { randomToken } from '@issuer/crypto';

export type TimelineLevel = 'debug' | 'info' | 'warn' | 'error';

export interface TimelineEntry {
  time: Date;
  level: TimelineLevel;
  endpoint: string;
  message: string;
  data?: Record<string, unknown>;
}

/** Who sent a request, for requests that resolve to no session (searchable by these). */
export interface RequestOrigin {
  clientId?: string;
  ip?: string;
  userAgent?: string;
}

/**
 * The entries one request adds to its session's timeline. The session is often known only
 * half-way (after the pre-authorized code or the access token is looked up), so entries are
 * buffered and written once, when the response has gone out.
 */
export class RequestTimeline {
  readonly entries: TimelineEntry[] = [];
  /** Names this request on every entry it writes, in share links and in `error_uri` anchors. */
  readonly requestId = randomToken(16);
  sessionId: string | null = null;
  dialect: string | null = null;

  constructor(readonly endpoint: string, readonly origin: RequestOrigin) {}

  setSession(sessionId: string): void {
    this.sessionId = sessionId;
  }

  setClientId(clientId: string | undefined): void {
    if (clientId) this.origin.clientId = clientId;
  }

  debug(message: string, data?: Record<string, unknown>): void {
    this.add('debug', message, data);
  }

  info(message: string, data?: Record<string, unknown>): void {
    this.add('info', message, data);
  }

  warn(message: string, data?: Record<string, unknown>): void {
    this.add('warn', message, data);
  }

  /** The specs make the receiver ignore unrecognised parameters; the wallet developer still sees which. */
  ignoredParameters(parameters: string[], specRef: string): void {
    if (parameters.length === 0) return;
    this.warn('Unrecognised parameters ignored', { parameters, help: 'Check the spelling, or remove them: they have no effect here.', spec_ref: specRef });
  }

  /** A test behaviour the issuer operator set on the issuance changed this answer on purpose. */
  testBehaviourApplied({ behaviour, reason, help, spec_ref }: AppliedTestBehaviour): void {
    this.warn(`Test behaviour applied: ${behaviour}`, { behaviour, reason, help, spec_ref, deliberate: 'The issuer operator set this test behaviour on the issuance to reproduce a failure wallets meet in the field.' });
  }

  error(message: string, data?: Record<string, unknown>): void {
    this.add('error', message, data);
  }

  private add(level: TimelineLevel, message: string, data?: Record<string, unknown>): void {
    this.entries.push({ time: new Date(), level, endpoint: this.endpoint, message, data: { ...data, request_id: this.requestId } });
  }
}
