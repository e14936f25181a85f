import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { ShareLinks } from '@issuer/nest';
import { adminApiKey, baseUrl, createIssuance, eventually, preAuthorizedCodeOf, timelineWith } from './support/issuer-api.js';
import { TestWallet } from './support/wallet.js';

const GRANT = 'urn:ietf:params:oauth:grant-type:pre-authorized_code';
const PID = 'eu.europa.ec.eudi.pid_vc_sd_jwt';

interface Shared {
  session: { id: string; state: string } | null;
  entries: Array<{ sessionId: string | null; endpoint: string | null; message: string; data: Record<string, unknown> | null; requestId: string | null }>;
  events: Array<{ type: string }>;
  shared: { kind: string; session_id?: string; request_id?: string };
}

async function adminSession(sessionId: string): Promise<Record<string, unknown>> {
  const response = await fetch(`${baseUrl()}/admin/v1/sessions/${sessionId}`, { headers: { authorization: `Bearer ${adminApiKey()}` } });
  expect(response.status).toBe(200);
  return (await response.json()) as Record<string, unknown>;
}

async function openShared(token: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${baseUrl()}/session-log/v1/shared/${token}`);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const tokenOf = (pageUrl: string) => new URL(pageUrl).pathname.replace(/^\/ui\/shared\//, '');

/** A session through token and credential, its timeline stored. */
async function issuedSession() {
  const issuance = await createIssuance();
  const wallet = new TestWallet();
  const token = await wallet.token({ grant_type: GRANT, 'pre-authorized_code': preAuthorizedCodeOf(issuance) });
  const credential = await wallet.credential(token.body['access_token'] as string, { credential_configuration_id: PID, proofs: { jwt: [wallet.proof(await wallet.nonce())] } });
  expect(credential.status).toBe(200);
  await timelineWith(issuance.session_id, (entry) => entry.endpoint === '/credential' && entry.message === 'Responded 200');
  return issuance;
}

describe('session share links', () => {
  it('open one session timeline without the API key, exactly as the management API shows it', async () => {
    const issuance = await issuedSession();
    const admin = await adminSession(issuance.session_id);
    const shareUrl = admin['share_url'] as string;
    expect(shareUrl.startsWith(`${baseUrl()}/ui/shared/`)).toBe(true);

    const shared = await openShared(tokenOf(shareUrl));
    expect(shared.status).toBe(200);
    const timeline = { ...admin };
    delete timeline['share_url'];
    expect(shared.body).toEqual({ ...timeline, shared: { kind: 'session', session_id: issuance.session_id } });
    expect((shared.body as unknown as Shared).entries.every((entry) => entry.sessionId === issuance.session_id)).toBe(true);
  });

  it('a link to session A never shows session B', async () => {
    const [a, b] = [await issuedSession(), await issuedSession()];
    const sharedA = (await openShared(tokenOf((await adminSession(a.session_id))['share_url'] as string))).body as unknown as Shared;
    const sharedB = (await openShared(tokenOf((await adminSession(b.session_id))['share_url'] as string))).body as unknown as Shared;
    expect(sharedA.session?.id).toBe(a.session_id);
    expect(sharedB.session?.id).toBe(b.session_id);
    expect(sharedA.entries.some((entry) => entry.sessionId === b.session_id)).toBe(false);
    expect(sharedB.entries.some((entry) => entry.sessionId === a.session_id)).toBe(false);
  });

  it('answers 404 with an error body to a token with any character changed, to an unknown token, and to a session or request with no timeline', async () => {
    const issuance = await issuedSession();
    const token = tokenOf((await adminSession(issuance.session_id))['share_url'] as string);
    const refusals: Array<{ status: number; body: Record<string, unknown> }> = [];
    for (let index = 0; index < token.length; index++) {
      const replacement = token[index] === 'A' ? 'B' : 'A';
      refusals.push(await openShared(`${token.slice(0, index)}${replacement}${token.slice(index + 1)}`));
    }
    refusals.push(await openShared('not-a-token'));
    // Genuinely signed, for a session and a request the platform never saw.
    const genuine = new ShareLinks(readFileSync(join(process.env['E2E_KEYS_DIR']!, 'nonce-secret'), 'utf8').trim(), baseUrl());
    refusals.push(await openShared(genuine.tokenFor({ kind: 'session', sessionId: 'no-such-session' })));
    refusals.push(await openShared(genuine.tokenFor({ kind: 'request', requestId: 'no-such-request' })));
    expect((await openShared(genuine.tokenFor({ kind: 'session', sessionId: issuance.session_id }))).status).toBe(200);
    refusals.push(await openShared(`${token}x`));
    for (const refusal of refusals) expect(refusal).toEqual({ status: 404, body: { error: 'not_found', error_description: expect.any(String) } });
    // Every refusal is the same: nothing tells whether a session exists.
    expect(new Set(refusals.map((refusal) => JSON.stringify(refusal.body))).size).toBe(1);
  });
});

describe('error_uri on the errors a wallet gets', () => {
  it('links an error of a known session to the session timeline, at the failed request', async () => {
    const issuance = await createIssuance();
    const wallet = new TestWallet();
    const token = await wallet.token({ grant_type: GRANT, 'pre-authorized_code': preAuthorizedCodeOf(issuance) });
    const refused = await wallet.credential(token.body['access_token'] as string, { credential_configuration_id: PID, proofs: { jwt: [wallet.proof('not-the-nonce')] } });
    expect(refused.status).toBe(400);
    const errorUri = new URL(refused.body['error_uri'] as string);
    expect(`${errorUri.origin}${errorUri.pathname}`).toBe((await adminSession(issuance.session_id))['share_url']);
    const requestId = errorUri.hash.replace(/^#request-/, '');
    expect(requestId).toMatch(/^[A-Za-z0-9_-]{22}$/);

    const shared = await eventually(
      async () => (await openShared(tokenOf(errorUri.href.split('#')[0]!))).body as unknown as Shared,
      (body) => body.entries?.some((entry) => entry.requestId === requestId && entry.message === 'Responded 400'),
    );
    const failed = shared.entries.filter((entry) => entry.requestId === requestId);
    expect(failed.map((entry) => entry.endpoint)).toEqual(failed.map(() => '/credential'));
    expect(failed.every((entry) => entry.data?.['request_id'] === requestId)).toBe(true);
    expect(failed.some((entry) => entry.data?.['error'] === refused.body['error'])).toBe(true);
  });

  it('links an error of no known session to that one request', async () => {
    const refused = await new TestWallet().token({ grant_type: GRANT, 'pre-authorized_code': 'no-such-code' });
    expect(refused.body['error']).toBe('invalid_grant');
    const errorUri = refused.body['error_uri'] as string;
    const [page, anchor] = errorUri.split('#');
    expect(page!.startsWith(`${baseUrl()}/ui/shared/`)).toBe(true);
    const requestId = anchor!.replace(/^request-/, '');

    const shared = await eventually(
      async () => await openShared(tokenOf(page!)),
      (result) => result.status === 200 && (result.body as unknown as Shared).entries.some((entry) => entry.message === 'Responded 400'),
    );
    const body = shared.body as unknown as Shared;
    expect(body.shared).toEqual({ kind: 'request', request_id: requestId });
    expect(body.session).toBeNull();
    expect(body.events).toEqual([]);
    expect(body.entries.map((entry) => entry.requestId)).toEqual(body.entries.map(() => requestId));
    expect(body.entries.map((entry) => entry.message)).toEqual(expect.arrayContaining(['POST /token received', 'Responded 400']));
  });

  it('is not added to the management API errors', async () => {
    const response = await fetch(`${baseUrl()}/admin/v1/sessions/unknown-session`, { headers: { authorization: `Bearer ${adminApiKey()}` } });
    expect(response.status).toBe(404);
    expect(Object.keys((await response.json()) as object).sort()).toEqual(['error', 'error_description', 'help', 'reason']);
  });
});
