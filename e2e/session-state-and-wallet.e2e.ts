import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { createClientAttestation, createClientAttestationPop, createWalletKey } from '@issuer/testing';
import { adminApiKey, baseUrl, createIssuance, eventually, preAuthorizedCodeOf } from './support/issuer-api.js';
import { TestWallet, send } from './support/wallet.js';

const GRANT = 'urn:ietf:params:oauth:grant-type:pre-authorized_code';
const PID = 'eu.europa.ec.eudi.pid_vc_sd_jwt';

interface StoredSession {
  state: string;
  userAgent: string | null;
  walletName: string | null;
  clientId: string | null;
  walletLabel: string | null;
  dialect: string | null;
}

async function sessionRow(sessionId: string): Promise<StoredSession | null> {
  const response = await fetch(`${baseUrl()}/admin/v1/sessions/${sessionId}`, { headers: { authorization: `Bearer ${adminApiKey()}` } });
  if (response.status !== 200) return null;
  return ((await response.json()) as { session: StoredSession | null }).session;
}

const sessionWhere = (sessionId: string, accept: (session: StoredSession) => boolean) => eventually(() => sessionRow(sessionId), (session) => session !== null && accept(session));

describe('session state failed_at_<step>', () => {
  it('shows the step a wallet is stuck at, and moves on when a later step succeeds', async () => {
    const issuance = await createIssuance();
    const wallet = new TestWallet();
    const token = await wallet.token({ grant_type: GRANT, 'pre-authorized_code': preAuthorizedCodeOf(issuance) });
    const accessToken = token.body['access_token'] as string;
    await sessionWhere(issuance.session_id, (session) => session.state === 'token_issued');

    const refused = await wallet.credential(accessToken, { credential_configuration_id: PID, proofs: { jwt: [wallet.proof('not-the-nonce')] } });
    expect(refused.status).toBe(400);
    expect((await sessionWhere(issuance.session_id, (session) => session.state !== 'token_issued'))?.state).toBe('failed_at_credential');

    const issued = await wallet.credential(accessToken, { credential_configuration_id: PID, proofs: { jwt: [wallet.proof(await wallet.nonce())] } });
    expect(issued.status).toBe(200);
    expect((await sessionWhere(issuance.session_id, (session) => session.state !== 'failed_at_credential'))?.state).toBe('credential_issued');
  });

  it('marks the token step when the wallet fails there', async () => {
    const issuance = await createIssuance({ txCode: true });
    const refused = await new TestWallet().token({ grant_type: GRANT, 'pre-authorized_code': preAuthorizedCodeOf(issuance), tx_code: '000000' === issuance.tx_code ? '111111' : '000000' });
    expect(refused.body['error']).toBe('invalid_grant');
    expect((await sessionWhere(issuance.session_id, (session) => session.state.startsWith('failed_at_')))?.state).toBe('failed_at_token');
  });
});

describe('the detected wallet and dialect on the session', () => {
  it('records the User-Agent, client_id, wallet label and the draft the credential request looked like', async () => {
    const issuance = await createIssuance();
    const wallet = new TestWallet();
    const userAgent = 'WalletKit/2.1 (e2e; Android 15)';
    const token = await send('/token', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', dpop: wallet.dpop('POST', '/token'), 'user-agent': userAgent },
      body: new URLSearchParams({ grant_type: GRANT, 'pre-authorized_code': preAuthorizedCodeOf(issuance), client_id: 'walletkit-e2e' }).toString(),
    });
    expect(token.status).toBe(200);
    const accessToken = token.body['access_token'] as string;
    const draft13 = await send('/credential', {
      method: 'POST',
      headers: { authorization: `DPoP ${accessToken}`, dpop: wallet.dpop('POST', '/credential', { accessToken }), 'content-type': 'application/json', 'user-agent': userAgent },
      body: JSON.stringify({ format: 'vc+sd-jwt', vct: 'urn:eudi:pid:1', proof: { proof_type: 'jwt', jwt: wallet.proof(token.body['c_nonce'] as string) } }),
    });
    expect(draft13.status).toBe(200);

    const session = await sessionWhere(issuance.session_id, (stored) => stored.dialect !== null && stored.clientId !== null);
    expect(session).toMatchObject({ userAgent, clientId: 'walletkit-e2e', walletLabel: 'WalletKit', walletName: null, dialect: 'draft-13' });
  });

  it('labels an attested wallet by the wallet_name of its attestation', async () => {
    const issuance = await createIssuance();
    const wallet = new TestWallet();
    const instance = createWalletKey();
    const signer = JSON.parse(readFileSync(process.env['E2E_WALLET_PROVIDER'] as string, 'utf8')) as { privateKeyPem: string; x5c: string[] };
    const clientId = 'attested-e2e-wallet';
    const token = await wallet.token(
      { grant_type: GRANT, 'pre-authorized_code': preAuthorizedCodeOf(issuance), client_id: clientId },
      {
        dpop: wallet.dpop('POST', '/token'),
        'oauth-client-attestation': createClientAttestation({ provider: { privateKey: createPrivateKey(signer.privateKeyPem), x5c: signer.x5c }, instance, clientId }),
        'oauth-client-attestation-pop': createClientAttestationPop({ instance, clientId, aud: baseUrl() }),
      },
    );
    expect(token.status).toBe(200);
    const session = await sessionWhere(issuance.session_id, (stored) => stored.walletName !== null);
    expect(session).toMatchObject({ walletName: 'Test Wallet', walletLabel: 'Test Wallet', clientId });
  });
});
