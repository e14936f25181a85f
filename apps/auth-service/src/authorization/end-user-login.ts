import type { AuthorizationRequestRecord } from '@issuer/data-access-auth';
import type { RequestTimeline } from '@issuer/nest';

/** An End-User who logged in, with the claims their credentials carry. */
export interface EndUser {
  /** The `sub` the session records. */
  subject: string;
  name: string;
  /** The End-User's claims per credential configuration, for wallet-initiated issuance; absent where they hold none. */
  claims: Record<string, Record<string, unknown>>;
}

/** The pending authorization request the End-User logs in for. */
export interface PendingLogin {
  requestUri: string;
  record: AuthorizationRequestRecord;
}

/** What the login and consent page asks of the End-User. */
export type LoginForm =
  | { kind: 'password'; users: Array<{ username: string; password: string; name: string }> }
  /** Logged in elsewhere already: the page only asks for consent, and posts `login` back. */
  | { kind: 'consent'; name: string; provider: string; login: string };

export type LoginStart = { redirect: string } | { form: LoginForm };

/** The End-User back from an external login: the request it belongs to, then who they are or why not. */
export interface ReturnedLogin {
  requestUri: string;
  complete(record: AuthorizationRequestRecord): Promise<{ user: EndUser; form: LoginForm } | { error: 'access_denied' | 'server_error'; error_description: string }>;
}

/**
 * How End-Users log in at the authorization endpoint (RFC 6749 Section 4.1.1 leaves it to the server):
 * the built-in password page of the playground, or an external OpenID Provider an operator configures.
 */
export interface EndUserLogin {
  /** GET /authorize: the login form to show, or where to send the browser. */
  start(pending: PendingLogin, timeline: RequestTimeline): Promise<LoginStart>;
  /** The callback of an external login; null when this login has none. */
  returned(query: Record<string, string>, timeline: RequestTimeline): ReturnedLogin | null;
  /** POST /authorize with decision=allow: the End-User the form's fields name, or the form again with what was wrong. */
  authenticate(form: Record<string, string>, pending: PendingLogin, timeline: RequestTimeline): { user: EndUser } | { retry: string; form: LoginForm };
  /** The form for logging in as another End-User; null when the End-User logged in elsewhere. */
  retryForm(): LoginForm | null;
}

export const END_USER_LOGIN = Symbol('END_USER_LOGIN');
