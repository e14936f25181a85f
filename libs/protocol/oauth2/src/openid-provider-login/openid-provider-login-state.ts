import { openSealed, sealJson } from '@issuer/crypto';

/** What the `state` sent to the OpenID Provider carries back to the callback. */
export interface OpenIdProviderLoginState {
  /** The pending authorization request the End-User logs in for. */
  requestUri: string;
  /** The nonce the OP's ID Token must repeat (OpenID Connect Core 1.0 Section 3.1.2.1). */
  nonce: string;
  /** RFC 7636 Section 4.1: the PKCE code_verifier of the OP's authorization request. */
  codeVerifier: string;
  /** Epoch seconds after which the OP's answer is refused. */
  expiresAt: number;
}

const CONTEXT = 'openid-provider-login-state';

/**
 * ARCHITECTURE.md principle 8: sealed (AES-GCM) rather than stored, so the request_uri and the PKCE
 * verifier pass the browser and the OP unreadable; the authorization request it names is used up
 * when its code is issued, so the state serves one login.
 */
export function sealOpenIdProviderLoginState(state: OpenIdProviderLoginState, secret: string): string {
  return sealJson({ r: state.requestUri, n: state.nonce, v: state.codeVerifier, e: state.expiresAt }, secret, CONTEXT);
}

/** The state `sealOpenIdProviderLoginState` made with the same secret; null for anything else. */
export function openOpenIdProviderLoginState(value: string, secret: string): OpenIdProviderLoginState | null {
  const opened = openSealed(value, secret, CONTEXT);
  if (!opened || typeof opened.r !== 'string' || typeof opened.n !== 'string' || typeof opened.v !== 'string' || typeof opened.e !== 'number') return null;
  return { requestUri: opened.r, nonce: opened.n, codeVerifier: opened.v, expiresAt: opened.e };
}
