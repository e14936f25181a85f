import { describe, expect, it } from '@jest/globals';
import { adminApiKey, baseUrl, createIssuance, eventually, preAuthorizedCodeOf, type IssuanceOptions } from './support/issuer-api.js';
import { send, TestWallet } from './support/wallet.js';

const GRANT = 'urn:ietf:params:oauth:grant-type:pre-authorized_code';
const PID = 'eu.europa.ec.eudi.pid_vc_sd_jwt';

interface WalletRow {
  wallet_label: string;
  sessions: number;
  states: Record<string, number>;
  dialects: string[];
  user_agents: string[];
  features: Record<string, number>;
  failures: Array<{ step: string; error: string; count: number }>;
}

/** A wallet whose every request names it by its User-Agent. */
class NamedWallet extends TestWallet {
  constructor(readonly userAgent: string) {
    super();
  }

  post(path: string, headers: Record<string, string>, body: string) {
    return send(path, { method: 'POST', headers: { ...headers, 'user-agent': this.userAgent }, body });
  }

  tokenFor(form: Record<string, string>) {
    return this.post('/token', { 'content-type': 'application/x-www-form-urlencoded', dpop: this.dpop('POST', '/token') }, new URLSearchParams(form).toString());
  }

  protected(path: string, accessToken: string, body: unknown) {
    return this.post(path, { authorization: `DPoP ${accessToken}`, dpop: this.dpop('POST', path, { accessToken }), 'content-type': 'application/json' }, JSON.stringify(body));
  }
}

async function start(userAgent: string, options: IssuanceOptions = {}) {
  const issuance = await createIssuance(options);
  const wallet = new NamedWallet(userAgent);
  return { issuance, wallet };
}

async function wallets(): Promise<{ sessions_considered: number; wallets: WalletRow[] }> {
  const response = await fetch(`${baseUrl()}/admin/v1/wallets`, { headers: { authorization: `Bearer ${adminApiKey()}` } });
  expect(response.status).toBe(200);
  return (await response.json()) as { sessions_considered: number; wallets: WalletRow[] };
}

describe('wallet compatibility (GET /admin/v1/wallets)', () => {
  it('groups a wallet’s sessions with the features it exercised, its dialect and where it failed', async () => {
    const product = `CompatWallet${Date.now()}`;
    const userAgent = `${product}/3.4 (e2e)`;

    // A batch of two credentials, then a notification.
    const batch = await start(userAgent);
    const batchToken = await batch.wallet.tokenFor({ grant_type: GRANT, 'pre-authorized_code': preAuthorizedCodeOf(batch.issuance) });
    const accessToken = batchToken.body['access_token'] as string;
    const nonce = await batch.wallet.nonce();
    const issued = await batch.wallet.protected('/credential', accessToken, { credential_configuration_id: PID, proofs: { jwt: [new TestWallet().proof(nonce), new TestWallet().proof(nonce)] } });
    expect(issued.status).toBe(200);
    expect((await batch.wallet.protected('/notification', accessToken, { notification_id: issued.body['notification_id'], event: 'credential_accepted' })).status).toBe(204);

    // A wrong tx_code at the token endpoint.
    const failing = await start(userAgent, { txCode: true });
    const refused = await failing.wallet.tokenFor({ grant_type: GRANT, 'pre-authorized_code': preAuthorizedCodeOf(failing.issuance), tx_code: failing.issuance.tx_code === '000000' ? '111111' : '000000' });
    expect(refused.body['error']).toBe('invalid_grant');

    // Deferred issuance polled at once, sooner than the interval the issuer gave.
    const deferred = await start(userAgent, { deferred: true });
    const deferredToken = (await deferred.wallet.tokenFor({ grant_type: GRANT, 'pre-authorized_code': preAuthorizedCodeOf(deferred.issuance) })).body['access_token'] as string;
    const pending = await deferred.wallet.protected('/credential', deferredToken, { credential_configuration_id: PID, proofs: { jwt: [deferred.wallet.proof(await deferred.wallet.nonce())] } });
    expect(pending.status).toBe(202);
    expect(pending.body['interval']).toBeGreaterThan(0);
    expect((await deferred.wallet.protected('/deferred_credential', deferredToken, { transaction_id: pending.body['transaction_id'] })).status).toBe(202);

    const report = await eventually(wallets, (body) => {
      const row = body.wallets.find((wallet) => wallet.wallet_label === product);
      return row?.sessions === 3 && row.features['deferred_polling'] === 1 && row.failures.length > 0 && row.features['notifications'] === 1;
    });
    const row = report.wallets.find((wallet) => wallet.wallet_label === product);
    expect(row).toMatchObject({
      sessions: 3,
      user_agents: [userAgent],
      dialects: ['1.0'],
      features: {
        dpop_nonce_retry: 0,
        batch_issuance: 1,
        credential_response_encryption: 0,
        key_attestation: 0,
        deferred_polling: 1,
        deferred_interval_honoured: 0,
        deferred_interval_ignored: 1,
        notifications: 1,
      },
      failures: [{ step: 'token', error: 'invalid_grant', count: 1 }],
    });
    expect(row?.states['failed_at_token']).toBe(1);
    expect(report.sessions_considered).toBeGreaterThanOrEqual(3);
  });

  it('asks for the API key', async () => {
    expect((await fetch(`${baseUrl()}/admin/v1/wallets`)).status).toBe(401);
  });
});
