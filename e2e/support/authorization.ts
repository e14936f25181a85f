import { expect } from '@jest/globals';
import { createPkcePair, type PkcePair } from '@issuer/testing';
import { baseUrl } from './issuer-api.js';
import { send, type HttpResult, type TestWallet } from './wallet.js';

export const REDIRECT_URI = 'https://wallet.example/callback';
export const CLIENT_ID = 'e2e-wallet';

export interface PushOptions {
  parameters?: Record<string, string | undefined>;
  pkce?: PkcePair;
  /** Client authentication headers, e.g. OAuth-Client-Attestation and -PoP. */
  headers?: Record<string, string>;
  /** Where the request goes when not to the platform's address, e.g. a replica of the auth-service. */
  origin?: string;
}

/** RFC 9126 Section 2.1: a pushed authorization request of a public client. */
export async function pushAuthorizationRequest(options: PushOptions = {}): Promise<{ result: HttpResult; pkce: PkcePair; state: string }> {
  const pkce = options.pkce ?? createPkcePair();
  const state = `state-${Math.random().toString(36).slice(2)}`;
  const parameters = { response_type: 'code', client_id: CLIENT_ID, redirect_uri: REDIRECT_URI, state, code_challenge: pkce.code_challenge, code_challenge_method: 'S256', ...options.parameters };
  const form = new URLSearchParams(Object.entries(parameters).filter((entry): entry is [string, string] => entry[1] !== undefined));
  const result = await send('/par', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...options.headers }, body: form.toString() }, options.origin);
  return { result, pkce, state };
}

/** The End-User's browser: the login page, then the form posted with a decision; returns the redirect. */
export async function logIn(requestUri: string, login: { username?: string; password?: string; decision?: 'allow' | 'deny' } = {}): Promise<Response> {
  const page = await fetch(`${baseUrl()}/authorize?${new URLSearchParams({ client_id: CLIENT_ID, request_uri: requestUri })}`);
  expect(page.status).toBe(200);
  expect(page.headers.get('content-type')).toContain('text/html');
  const form = new URLSearchParams({ request_uri: requestUri, client_id: CLIENT_ID, username: login.username ?? 'erika', password: login.password ?? 'erika', decision: login.decision ?? 'allow' });
  return fetch(`${baseUrl()}/authorize`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString(), redirect: 'manual' });
}

/** The login form posted with the End-User allowing, to the platform or to `origin`; the redirect is not followed. */
export async function submitLogin(requestUri: string, origin = baseUrl()): Promise<HttpResult> {
  const form = new URLSearchParams({ request_uri: requestUri, client_id: CLIENT_ID, username: 'erika', password: 'erika', decision: 'allow' });
  const response = await fetch(`${origin}/authorize`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString(), redirect: 'manual' });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: response.headers.get('content-type')?.startsWith('application/json') ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

/** PAR, login and consent: the authorization code from the redirect. */
export async function authorize(parameters: Record<string, string | undefined>, wallet?: TestWallet) {
  const pushed = await pushAuthorizationRequest({ parameters: { ...(wallet && { dpop_jkt: wallet.key.jkt }), ...parameters } });
  expect(pushed.result.status).toBe(201);
  const requestUri = pushed.result.body['request_uri'] as string;
  const redirect = await logIn(requestUri);
  expect(redirect.status).toBe(303);
  const location = new URL(redirect.headers.get('location') as string);
  return { ...pushed, requestUri, location, code: location.searchParams.get('code') as string };
}

export function codeTokenForm(code: string, codeVerifier: string, extra: Record<string, string> = {}): Record<string, string> {
  return { grant_type: 'authorization_code', code, code_verifier: codeVerifier, redirect_uri: REDIRECT_URI, client_id: CLIENT_ID, ...extra };
}
