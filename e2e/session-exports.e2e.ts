import { execFileSync } from 'node:child_process';
import { describe, expect, it } from '@jest/globals';
import { harProblems } from './support/har-1-2.js';
import { adminApiKey, baseUrl, createIssuance, preAuthorizedCodeOf, timelineWith } from './support/issuer-api.js';
import { TestWallet } from './support/wallet.js';

const GRANT = 'urn:ietf:params:oauth:grant-type:pre-authorized_code';
const PID = 'eu.europa.ec.eudi.pid_vc_sd_jwt';
const admin = { authorization: `Bearer ${adminApiKey()}` };

/** A whole pre-authorized flow with tx_code; returns its session and every secret it exchanged. */
async function flow() {
  const issuance = await createIssuance({ txCode: true });
  const wallet = new TestWallet();
  const token = await wallet.token({ grant_type: GRANT, 'pre-authorized_code': preAuthorizedCodeOf(issuance), tx_code: issuance.tx_code as string });
  const accessToken = token.body['access_token'] as string;
  const credential = await wallet.credential(accessToken, { credential_configuration_id: PID, proofs: { jwt: [wallet.proof(await wallet.nonce())] } });
  expect(credential.status).toBe(200);
  await timelineWith(issuance.session_id, (entry) => entry.endpoint === '/credential' && entry.message === 'Responded 200');
  const secrets = [preAuthorizedCodeOf(issuance), accessToken, token.body['refresh_token'], adminApiKey()].filter((value): value is string => typeof value === 'string');
  return { issuance, secrets, txCode: issuance.tx_code as string };
}

async function download(path: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${baseUrl()}${path}`, { headers });
  return { status: response.status, contentType: response.headers.get('content-type'), disposition: response.headers.get('content-disposition'), text: await response.text() };
}

describe('session exports', () => {
  it('exports a session as HAR 1.2 and as a curl script, both free of the secrets of the flow', async () => {
    const { issuance, secrets, txCode } = await flow();
    const har = await download(`/admin/v1/sessions/${issuance.session_id}/export.har`, admin);
    expect(har.status).toBe(200);
    expect(har.contentType).toMatch(/^application\/json\b/);
    expect(har.disposition).toBe(`attachment; filename="session-${issuance.session_id}.har"`);
    const log = JSON.parse(har.text) as { log: { entries: Array<{ request: { method: string; url: string; postData?: { text: string } }; response: { status: number } }> } };
    expect(harProblems(log)).toEqual([]);
    expect(log.log.entries.map((entry) => `${entry.request.method} ${new URL(entry.request.url).pathname} ${entry.response.status}`)).toEqual(
      expect.arrayContaining([`POST /admin/v1/issuances 201`, `POST /token 200`, `POST /credential 200`]),
    );
    const tokenRequest = log.log.entries.find((entry) => entry.request.url === `${baseUrl()}/token`);
    expect(new URLSearchParams(tokenRequest?.request.postData?.text).get('tx_code')).toBe(`<present, len=${txCode.length}>`);

    const script = await download(`/admin/v1/sessions/${issuance.session_id}/export.sh`, admin);
    expect(script.status).toBe(200);
    expect(script.disposition).toBe(`attachment; filename="session-${issuance.session_id}.sh"`);
    expect(script.text).toMatch(/^#!\/usr\/bin\/env bash\n/);
    expect(script.text).toContain('"${PRE_AUTHORIZED_CODE}"');
    expect(script.text).toContain('"${TX_CODE}"');
    expect(script.text).toContain('"${AUTHORIZATION}"');
    execFileSync('bash', ['-n'], { input: script.text });

    for (const secret of secrets) {
      expect(har.text).not.toContain(secret);
      expect(script.text).not.toContain(secret);
    }
    // A six-digit tx_code could occur by chance in a long text; where a field holds it, it is redacted.
    expect(har.text).not.toMatch(new RegExp(`tx_code=${txCode}\\b`));
    expect(script.text).not.toMatch(new RegExp(`tx_code=${txCode}\\b`));
  });

  it('the same exports through the share link, without the API key; only with the key on the management API', async () => {
    const { issuance } = await flow();
    const session = (await (await fetch(`${baseUrl()}/admin/v1/sessions/${issuance.session_id}`, { headers: admin })).json()) as { share_url: string };
    const token = new URL(session.share_url).pathname.replace('/ui/shared/', '');
    for (const format of ['har', 'sh']) {
      const viaAdmin = await download(`/admin/v1/sessions/${issuance.session_id}/export.${format}`, admin);
      const viaLink = await download(`/session-log/v1/shared/${token}/export.${format}`);
      expect(viaLink).toEqual(viaAdmin);
      expect((await download(`/admin/v1/sessions/${issuance.session_id}/export.${format}`)).status).toBe(401);
      expect((await download(`/session-log/v1/shared/${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}/export.${format}`)).status).toBe(404);
    }
  });
});
