import { openSealed, sealJson } from '@issuer/crypto';

/** What the `state` of an ID Token Request carries back to the direct_post endpoint. */
export interface IdTokenRequestState {
  /** The authorization request waiting for the holder: the hash of its request_uri. */
  requestUriHash: string;
  /** The nonce the ID Token must repeat. */
  nonce: string;
  /** Epoch seconds after which the holder's answer is refused. */
  expiresAt: number;
}

const CONTEXT = 'id-token-request-state';

/**
 * ARCHITECTURE.md principle 8: the state of an ID Token Request is sealed rather than stored; the
 * authorization request it names is used up when the code is issued, so it serves one answer.
 */
export function sealIdTokenRequestState(state: IdTokenRequestState, secret: string): string {
  return sealJson({ r: state.requestUriHash, n: state.nonce, e: state.expiresAt }, secret, CONTEXT);
}

/** The state `sealIdTokenRequestState` made with the same secret; null for anything else. */
export function openIdTokenRequestState(value: string, secret: string): IdTokenRequestState | null {
  const opened = openSealed(value, secret, CONTEXT);
  if (!opened || typeof opened.r !== 'string' || typeof opened.n !== 'string' || typeof opened.e !== 'number') return null;
  return { requestUriHash: opened.r, nonce: opened.n, expiresAt: opened.e };
}
