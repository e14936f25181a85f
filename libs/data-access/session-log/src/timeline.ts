/** One line of a session's timeline; a request tied to no session has a null sessionId. */
export interface NewTimelineEntry {
  sessionId?: string | null;
  time: Date;
  level: string;
  endpoint?: string | null;
  message: string;
  data?: unknown;
  traceId?: string | null;
  spanId?: string | null;
  clientId?: string | null;
  ip?: string | null;
  userAgent?: string | null;
  requestId?: string | null;
}

export interface TimelineEntry {
  /** Increasing in insertion order. */
  id: string;
  sessionId: string | null;
  time: Date;
  level: string;
  endpoint: string | null;
  message: string;
  data: unknown;
  traceId: string | null;
  spanId: string | null;
  clientId: string | null;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
}

export interface Session {
  /** The issuance session id. */
  id: string;
  issuanceId: string | null;
  state: string;
  /** When the event that set `state` occurred. */
  stateChangedAt: Date;
  grantType: string | null;
  credentialConfigurationIds: string[];
  userAgent: string | null;
  walletName: string | null;
  clientId: string | null;
  walletLabel: string | null;
  dialect: string | null;
  verboseCaptureUntil: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * What one ingested request said about its session: who sent it, which draft it spoke, and the
 * state `failed_at_<step>` when the wallet got an error response.
 */
export interface SessionRequestUpdate {
  sessionId: string;
  time: Date;
  failedState?: string | null;
  userAgent?: string | null;
  walletName?: string | null;
  clientId?: string | null;
  dialect?: string | null;
}

/** What identifies a wallet, for the label a caller computes (detected-wallet's walletLabel). */
export interface StoredWalletClues {
  walletName: string | null;
  userAgent: string | null;
  clientId: string | null;
}

/** What an event says about its session; `state` is derived from the event type by the caller. */
export interface SessionUpdate {
  sessionId: string;
  state: string;
  issuanceId?: string | null;
  grantType?: string | null;
  credentialConfigurationIds?: string[] | null;
  verboseCaptureUntil?: Date | null;
}

export interface SessionEvent {
  /** The event envelope id. */
  id: string;
  sessionId: string;
  type: string;
  occurredAt: Date;
  data: unknown;
}

export interface NewSessionEvent extends SessionEvent {
  session: SessionUpdate;
}

export interface SessionTimeline {
  /** null while only timeline entries are known: the first event has not arrived yet. */
  session: Session | null;
  /** Ordered by time. */
  entries: TimelineEntry[];
  /** Ordered by occurredAt. */
  events: SessionEvent[];
}

export interface UnassignedEntryQuery {
  clientId?: string;
  ip?: string;
  /** Matches any user agent containing it, ignoring case. */
  userAgent?: string;
  from?: Date;
  to?: Date;
  limit: number;
}

export interface SessionPage {
  items: Session[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}
