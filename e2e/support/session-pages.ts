import { chromium, type Browser, type Page } from 'playwright-core';
import { adminApiKey, baseUrl, createIssuance, eventually, getSession, preAuthorizedCodeOf, timelineWith, type CreatedIssuance, type SessionTimeline } from './issuer-api.js';
import { TestWallet } from './wallet.js';

export const PID = 'eu.europa.ec.eudi.pid_vc_sd_jwt';
const GRANT = 'urn:ietf:params:oauth:grant-type:pre-authorized_code';
/** What a hostile wallet puts in fields the timeline records; the pages must show it as text. */
export const HOSTILE = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">';

/** Debian's chromium, as in login-page.e2e.ts (no browser can be downloaded here). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Opens a page of the UI and enters the operator's key in the form it shows first. */
export async function openWithKey(browser: Browser, path: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${baseUrl()}${path}`);
  await page.getByLabel('API key').fill(adminApiKey());
  await page.getByRole('button', { name: 'Use this key' }).click();
  return page;
}

export interface IssuedWithFailure {
  issuance: CreatedIssuance;
  timeline: SessionTimeline;
  /** The `error_uri` of the refused credential request: a share link to that request's entries. */
  errorUri: string;
}

/** What the management API says of one session, the fields the pages show. */
export interface AdminSession {
  session: { id: string; state: string; walletLabel: string | null; verboseCaptureUntil: string | null } | null;
  entries: Array<{ id: string; sessionId: string | null; level: string; endpoint: string | null; requestId: string | null; data: Record<string, unknown> | null }>;
  share_url: string;
}

export async function adminSession(sessionId: string): Promise<AdminSession> {
  const response = await fetch(`${baseUrl()}/admin/v1/sessions/${encodeURIComponent(sessionId)}`, { headers: { authorization: `Bearer ${adminApiKey()}` } });
  if (response.status !== 200) throw new Error(`GET /admin/v1/sessions/${sessionId}: ${response.status}`);
  return (await response.json()) as AdminSession;
}

/**
 * A real pre-authorized issuance whose wallet first asks for a configuration that does not exist,
 * naming it with markup (and sending markup as its User-Agent, so its wallet label is markup too), then gets its credential.
 */
export async function issueWithFailure(): Promise<IssuedWithFailure> {
  const issuance = await createIssuance();
  const wallet = new TestWallet();
  const token = await wallet.token({ grant_type: GRANT, 'pre-authorized_code': preAuthorizedCodeOf(issuance) }, { dpop: wallet.dpop('POST', '/token'), 'user-agent': HOSTILE });
  if (token.status !== 200) throw new Error(`token: ${token.status} ${JSON.stringify(token.body)}`);
  const accessToken = token.body['access_token'] as string;
  const headers = () => ({ authorization: `DPoP ${accessToken}`, dpop: wallet.dpop('POST', '/credential', { accessToken }), 'content-type': 'application/json', 'user-agent': HOSTILE });
  const refused = await wallet.credential(accessToken, { credential_configuration_id: HOSTILE, proofs: { jwt: [wallet.proof(await wallet.nonce())] } }, headers());
  if (refused.status !== 400) throw new Error(`hostile credential request: ${refused.status}`);
  const errorUri = refused.body['error_uri'];
  if (typeof errorUri !== 'string') throw new Error(`hostile credential request: no error_uri in ${JSON.stringify(refused.body)}`);
  const issued = await wallet.credential(accessToken, { credential_configuration_id: PID, proofs: { jwt: [wallet.proof(await wallet.nonce())] } }, headers());
  if (issued.status !== 200) throw new Error(`credential: ${issued.status} ${JSON.stringify(issued.body)}`);
  await timelineWith(issuance.session_id, (entry) => entry.endpoint === '/credential' && entry.level === 'error');
  const timeline = await eventually(() => getSession(issuance.session_id), (found) => found?.session?.state === 'credential_issued');
  if (timeline?.session?.state !== 'credential_issued') throw new Error(`session ${issuance.session_id} is not at credential_issued: ${timeline?.session?.state}`);
  return { issuance, timeline, errorUri };
}

/** The session once its timeline stops growing: entries reach the session log from each service in batches. */
export async function settledSession(sessionId: string): Promise<AdminSession> {
  let last = await adminSession(sessionId);
  for (let attempt = 0; attempt < 20; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 750));
    const next = await adminSession(sessionId);
    if (next.entries.length === last.entries.length) return next;
    last = next;
  }
  throw new Error(`the timeline of session ${sessionId} kept growing: ${last.entries.length} entries`);
}

export interface IssuedByWallet {
  issuance: CreatedIssuance;
  /** The refused request's error code, as the wallet got it. */
  refusedWith: string;
}

/**
 * A real pre-authorized issuance by a wallet that sends `userAgent` on every request: one refused
 * credential request (an unknown configuration), then its credential. Resolves once the session
 * carries the wallet label the User-Agent gives.
 */
export async function issueAsWallet(userAgent: string, label: string): Promise<IssuedByWallet> {
  const issuance = await createIssuance();
  const wallet = new TestWallet();
  const token = await wallet.token({ grant_type: GRANT, 'pre-authorized_code': preAuthorizedCodeOf(issuance) }, { dpop: wallet.dpop('POST', '/token'), 'user-agent': userAgent });
  if (token.status !== 200) throw new Error(`token: ${token.status} ${JSON.stringify(token.body)}`);
  const accessToken = token.body['access_token'] as string;
  const headers = () => ({ authorization: `DPoP ${accessToken}`, dpop: wallet.dpop('POST', '/credential', { accessToken }), 'content-type': 'application/json', 'user-agent': userAgent });
  const refused = await wallet.credential(accessToken, { credential_configuration_id: 'no.such.configuration', proofs: { jwt: [wallet.proof(await wallet.nonce())] } }, headers());
  if (refused.status !== 400) throw new Error(`unknown configuration: ${refused.status}`);
  const issued = await wallet.credential(accessToken, { credential_configuration_id: PID, proofs: { jwt: [wallet.proof(await wallet.nonce())] } }, headers());
  if (issued.status !== 200) throw new Error(`credential: ${issued.status} ${JSON.stringify(issued.body)}`);
  const found = await eventually(() => adminSession(issuance.session_id), (found) => found.session?.state === 'credential_issued' && found.session.walletLabel === label);
  if (found.session?.walletLabel !== label) throw new Error(`session ${issuance.session_id} is labelled ${found.session?.walletLabel}, not ${label}`);
  return { issuance, refusedWith: refused.body['error'] as string };
}
