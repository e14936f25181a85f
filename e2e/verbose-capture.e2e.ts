import { describe, expect, it } from '@jest/globals';
import { adminApiKey, baseUrl, createIssuance, eventually, getSession, preAuthorizedCodeOf, timelineWith } from './support/issuer-api.js';
import { TestWallet } from './support/wallet.js';

const GRANT = 'urn:ietf:params:oauth:grant-type:pre-authorized_code';
const meshHeaders = { 'x-request-id': 'e2e-request-0001', 'x-b3-traceid': '80f198ee56343ba864fe8b2a57d3eff7', forwarded: 'for=192.0.2.60;proto=https' };

async function setVerboseCapture(sessionId: string, body: unknown) {
  const response = await fetch(`${baseUrl()}/admin/v1/sessions/${sessionId}/verbose-capture`, {
    method: 'POST',
    headers: { authorization: `Bearer ${adminApiKey()}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** The token request of a fresh session, sent with proxy and mesh headers; returns its recorded headers and body. */
async function tokenRequestRecorded(verboseMinutes: number | null, onCreation = false) {
  const issuance = await createIssuance({ txCode: true, ...(onCreation && verboseMinutes !== null && { verboseCaptureMinutes: verboseMinutes }) });
  await eventually(() => getSession(issuance.session_id), (timeline) => timeline?.session !== null && timeline?.session !== undefined);
  if (verboseMinutes !== null && !onCreation) expect((await setVerboseCapture(issuance.session_id, { minutes: verboseMinutes })).status).toBe(200);
  const wallet = new TestWallet();
  const token = await wallet.token(
    { grant_type: GRANT, 'pre-authorized_code': preAuthorizedCodeOf(issuance), tx_code: issuance.tx_code as string },
    { dpop: wallet.dpop('POST', '/token'), ...meshHeaders },
  );
  expect(token.status).toBe(200);
  const timeline = await timelineWith(issuance.session_id, (entry) => entry.message === 'POST /token received');
  const received = timeline.entries.find((entry) => entry.message === 'POST /token received');
  return { issuance, data: received?.data as { headers: Record<string, string>; body: Record<string, string> } & Record<string, unknown> };
}

describe('verbose capture of a session', () => {
  it('by default shows proxy and mesh headers by their length only', async () => {
    const { data } = await tokenRequestRecorded(null);
    expect(data.headers).toMatchObject({ 'x-request-id': '<verbose capture off, len=16>', 'x-b3-traceid': '<verbose capture off, len=32>', forwarded: '<verbose capture off, len=26>' });
    expect(data).not.toHaveProperty('verbose_headers');
  });

  it('while on, keeps them; secrets stay redacted', async () => {
    const { issuance, data } = await tokenRequestRecorded(5);
    expect(data.headers).toMatchObject(meshHeaders);
    expect(data).not.toHaveProperty('verbose_headers');
    expect(data.body['pre-authorized_code']).toBe(`<present, len=${preAuthorizedCodeOf(issuance).length}>`);
    expect(data.body['tx_code']).toBe('<present, len=6>');
  });

  it('is turned on for one issuance when it is created, and turns itself off at the time it names', async () => {
    const { issuance, data } = await tokenRequestRecorded(5, true);
    expect(data.headers).toMatchObject(meshHeaders);
    const until = Date.parse((issuance as unknown as { verbose_capture_until: string }).verbose_capture_until);
    expect(until).toBeGreaterThan(Date.now() + 4 * 60_000);
    expect(until).toBeLessThanOrEqual(Date.now() + 5 * 60_000);
    const session = (await getSession(issuance.session_id)) as unknown as { session: { verbose_capture_until?: string; verboseCaptureUntil?: string } };
    expect(Date.parse(session.session.verbose_capture_until ?? session.session.verboseCaptureUntil ?? '')).toBe(until);
  });

  it('refuses verbose_capture_minutes out of range on a new issuance', async () => {
    for (const minutes of [0, 241, 1.5]) {
      const response = await fetch(`${baseUrl()}/admin/v1/issuances`, {
        method: 'POST',
        headers: { authorization: `Bearer ${adminApiKey()}`, 'content-type': 'application/json' },
        body: JSON.stringify({ credentials: [{ credential_configuration_id: 'eu.europa.ec.eudi.pid_vc_sd_jwt', claims: { given_name: 'Erika' } }], verbose_capture_minutes: minutes }),
      });
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: 'invalid_request', reason: expect.stringContaining('verbose_capture_minutes') });
    }
  });

  it('turned off again with 0 minutes, shows them by length again', async () => {
    const issuance = await createIssuance();
    await eventually(() => getSession(issuance.session_id), (timeline) => Boolean(timeline?.session));
    const on = await setVerboseCapture(issuance.session_id, { minutes: 10 });
    expect(Date.parse(on.body['verbose_capture_until'] as string)).toBeGreaterThan(Date.now() + 9 * 60_000);
    expect(await setVerboseCapture(issuance.session_id, { minutes: 0 })).toEqual({ status: 200, body: { session_id: issuance.session_id, verbose_capture_until: null } });
  });

  it('is refused for an unknown session and for a duration out of range', async () => {
    expect((await setVerboseCapture('no-such-session', { minutes: 5 })).status).toBe(404);
    const issuance = await createIssuance();
    for (const body of [{ minutes: 241 }, { minutes: -1 }, { minutes: 'ten' }, {}]) {
      const refused = await setVerboseCapture(issuance.session_id, body);
      expect(refused).toMatchObject({ status: 400, body: { error: 'invalid_request', reason: expect.any(String), help: expect.any(String) } });
    }
  });
});
