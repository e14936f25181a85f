import { describe, expect, it } from '@jest/globals';
import { expectProtocolError } from './support/expect-error.js';
import { createIssuance, preAuthorizedCodeOf } from './support/issuer-api.js';
import { send, TestWallet } from './support/wallet.js';
import { expectIssuedPid } from './interop/verify-sd-jwt-vc.js';

const GRANT = 'urn:ietf:params:oauth:grant-type:pre-authorized_code';
const PID = 'eu.europa.ec.eudi.pid_vc_sd_jwt';

function issuerJwtPayload(credential: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(credential.split('~')[0]!.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
}

async function walletWithToken() {
  const issuance = await createIssuance();
  const wallet = new TestWallet();
  const token = await wallet.token({ grant_type: GRANT, 'pre-authorized_code': preAuthorizedCodeOf(issuance) });
  return { issuance, wallet, accessToken: token.body['access_token'] as string };
}

describe('batch issuance (OID4VCI 1.0 Sections 8.2, 12.2.4)', () => {
  it('advertises batch_credential_issuance', async () => {
    const metadata = await send('/.well-known/openid-credential-issuer', { method: 'GET' });
    expect(metadata.body['batch_credential_issuance']).toEqual({ batch_size: 10 });
  });

  it('issues one credential per key proof: each bound to its key, in its own status entry, none linkable by time or salt', async () => {
    const { wallet, accessToken } = await walletWithToken();
    const holders = [new TestWallet(), new TestWallet(), new TestWallet()];
    const nonce = await wallet.nonce();

    const result = await wallet.credential(accessToken, { credential_configuration_id: PID, proofs: { jwt: holders.map((holder) => holder.proof(nonce)) } });

    expect(result.status).toBe(200);
    const credentials = (result.body['credentials'] as Array<{ credential: string }>).map(({ credential }) => credential);
    expect(credentials).toHaveLength(3);
    for (const [index, credential] of credentials.entries()) await expectIssuedPid(credential, holders[index]!.key);
    const payloads = credentials.map(issuerJwtPayload);
    expect(new Set(payloads.map((payload) => JSON.stringify(payload['status']))).size).toBe(3);
    expect(new Set(payloads.map((payload) => payload['iat'])).size).toBe(1);
    expect((payloads[0]!['iat'] as number) % 3600).toBe(0);
    const digests = payloads.map((payload) => (payload['_sd'] as string[]).join());
    expect(new Set(digests).size).toBe(3);
    expect(typeof result.body['notification_id']).toBe('string');
  });

  it('C16: more proofs than batch_size is invalid_proof', async () => {
    const { issuance, wallet, accessToken } = await walletWithToken();
    const nonce = await wallet.nonce();
    const proofs = Array.from({ length: 11 }, () => new TestWallet().proof(nonce));
    await expectProtocolError(await wallet.credential(accessToken, { credential_configuration_id: PID, proofs: { jwt: proofs } }), 400, 'invalid_proof', issuance.session_id);
  });

  it('C16: proofs with different nonces are invalid_proof', async () => {
    const { issuance, wallet, accessToken } = await walletWithToken();
    const proofs = [new TestWallet().proof(await wallet.nonce()), new TestWallet().proof(await wallet.nonce())];
    await expectProtocolError(await wallet.credential(accessToken, { credential_configuration_id: PID, proofs: { jwt: proofs } }), 400, 'invalid_proof', issuance.session_id);
  });
});
