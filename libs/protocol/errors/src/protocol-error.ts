/** What a rejection says: the wire part (error, description) and the diagnosis for the timeline. */
export interface ErrorDetail {
  /** What was wrong, with the offending values (timeline only). */
  reason: string;
  /** What the wallet should send instead (timeline only). */
  help: string;
  /** Where the rule is written, e.g. `OID4VCI 1.0 Section 8.3.1.2`. */
  specRef?: string;
  /** Public `error_description`; defaults to the catalogue's. ASCII only (RFC 6749 Section 5.2). */
  description?: string;
  /** Response headers the spec asks for (`WWW-Authenticate`, `DPoP-Nonce`). */
  headers?: Record<string, string>;
  cause?: unknown;
}

export interface WireError {
  error: string;
  error_description?: string;
  [member: string]: unknown;
}

export class ProtocolError extends Error {
  readonly error: string;
  readonly status: number;
  readonly description: string;
  readonly reason: string;
  readonly help: string;
  readonly specRef: string;
  readonly headers: Record<string, string>;
  /** Members of the error response besides error and error_description, e.g. a draft's `c_nonce`. */
  readonly members: Record<string, unknown>;

  constructor(init: {
    error: string;
    status: number;
    description: string;
    reason: string;
    help: string;
    specRef: string;
    headers?: Record<string, string>;
    members?: Record<string, unknown>;
    cause?: unknown;
  }) {
    super(`${init.error}: ${init.reason}`, { cause: init.cause });
    this.name = 'ProtocolError';
    this.error = init.error;
    this.status = init.status;
    this.description = toAscii(init.description);
    this.reason = init.reason;
    this.help = init.help;
    this.specRef = init.specRef;
    this.headers = init.headers ?? {};
    this.members = init.members ?? {};
  }

  toWire(): WireError {
    return { ...this.members, error: this.error, error_description: this.description };
  }

  /** The same error with another code, status, headers or members, e.g. as a resource server or a draft answers it. */
  with(change: { error?: string; status?: number; headers?: Record<string, string>; members?: Record<string, unknown> }): ProtocolError {
    return new ProtocolError({
      error: change.error ?? this.error,
      status: change.status ?? this.status,
      description: this.description,
      reason: this.reason,
      help: this.help,
      specRef: this.specRef,
      headers: { ...this.headers, ...change.headers },
      members: { ...this.members, ...change.members },
      cause: this.cause,
    });
  }
}

export function isProtocolError(value: unknown): value is ProtocolError {
  return value instanceof ProtocolError;
}

// RFC 6749 Section 5.2: error_description is limited to %x20-21 / %x23-5B / %x5D-7E.
function toAscii(text: string): string {
  return text.replace(/[^\x20-\x21\x23-\x5b\x5d-\x7e]/g, "'");
}
