import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { createClientAttestation, createClientAttestationPop, createWalletKey, type WalletKey } from '@issuer/testing';
import { expectIssuedPid } from './interop/verify-sd-jwt-vc.js';
import { codeTokenForm, logIn, pushAuthorizationRequest } from './support/authorization.js';
import { expectProtocolError } from './support/expect-error.js';
import { baseUrl, createIssuance, preAuthorizedCodeOf, timelineWith } from './support/issuer-api.js';
import { send, TestWallet } from './support/wallet.js';

const PID = 'eu.europa.ec.eudi.pid_vc_sd_jwt';
const CLIENT_ID = 'e2e-wallet';

const provider = () => {
  const signer = JSON.parse(readFileSync(process.env['E2E_WALLET_PROVIDER'] as string, 'utf8')) as { privateKeyPem: string; x5c: string[] };
  return { privateKey: createPrivateKey(signer.privateKeyPem), x5c: signer.x5c };
};

/** OAuth-Client-Attestation and -PoP headers of a wallet instance (HAIP 1.0 Section 4.4.1). */
function attestationHeaders(instance: WalletKey, pop: { aud?: string; challenge?: string; clientId?: string } = {}): Record<string, string> {
  return {
    'oauth-client-attestation': createClientAttestation({ provider: provider(), instance, clientId: CLIENT_ID }),
    'oauth-client-attestation-pop': createClientAttestationPop({ instance, clientId: pop.clientId ?? CLIENT_ID, aud: pop.aud ?? baseUrl(), ...(pop.challenge && { challenge: pop.challenge }) }),
  };
}

async function attestedPar(instance: WalletKey, parameters: Record<string, string>, pop?: Parameters<typeof attestationHeaders>[1]) {
  return pushAuthorizationRequest({ parameters, headers: attestationHeaders(instance, pop) });
}

describe('client authentication by Wallet Attestation (HAIP 1.0 Section 4.4.1)', () => {
  it('advertises attest_jwt_client_auth with a challenge endpoint that answers challenges', async () => {
    const metadata = (await send('/.well-known/oauth-authorization-server', { method: 'GET' })).body;
    expect(metadata['token_endpoint_auth_methods_supported']).toEqual(expect.arrayContaining(['attest_jwt_client_auth', 'private_key_jwt', 'none']));
    expect(metadata['challenge_endpoint']).toBe(`${baseUrl()}/challenge`);
    const challenge = await send('/challenge', { method: 'POST' });
    expect(challenge.status).toBe(200);
    expect(challenge.body['attestation_challenge']).toEqual(expect.any(String));
  });

  it('an attested wallet at PAR and token: the code is bound to the attested client, and the timeline names the wallet', async () => {
    const instance = createWalletKey();
    const wallet = new TestWallet();
    const challenge = (await send('/challenge', { method: 'POST' })).body['attestation_challenge'] as string;
    const pushed = await attestedPar(instance, { scope: PID, dpop_jkt: wallet.key.jkt }, { challenge });
    expect(pushed.result.status).toBe(201);
    const redirect = await logIn(pushed.result.body['request_uri'] as string);
    const code = new URL(redirect.headers.get('location') as string).searchParams.get('code') as string;

    const token = await wallet.token(codeTokenForm(code, pushed.pkce.code_verifier), { dpop: wallet.dpop('POST', '/token'), ...attestationHeaders(instance) });
    expect(token.status).toBe(200);
    const result = await wallet.credential(token.body['access_token'] as string, { credential_configuration_id: PID, proofs: { jwt: [wallet.proof(await wallet.nonce())] } });
    expect(result.status).toBe(200);
    await expectIssuedPid((result.body['credentials'] as Array<{ credential: string }>)[0]!.credential, wallet.key);
  });

  it('T10: a PoP for another audience, a replayed PoP, an attestation from an unknown Wallet Provider, a PoP by another key are invalid_client', async () => {
    const instance = createWalletKey();
    await expectProtocolError((await attestedPar(instance, { scope: PID }, { aud: 'https://other-as.example' })).result, 401, 'invalid_client');

    const headers = attestationHeaders(instance);
    expect((await pushAuthorizationRequest({ parameters: { scope: PID }, headers })).result.status).toBe(201);
    await expectProtocolError((await pushAuthorizationRequest({ parameters: { scope: PID }, headers })).result, 401, 'invalid_client');

    const stranger = { privateKey: createWalletKey().privateKey, x5c: provider().x5c };
    const forged = { ...attestationHeaders(instance), 'oauth-client-attestation': createClientAttestation({ provider: stranger, instance, clientId: CLIENT_ID }) };
    await expectProtocolError((await pushAuthorizationRequest({ parameters: { scope: PID }, headers: forged })).result, 401, 'invalid_client');

    const otherKey = { ...attestationHeaders(instance), 'oauth-client-attestation-pop': createClientAttestationPop({ instance: createWalletKey(), clientId: CLIENT_ID, aud: baseUrl() }) };
    await expectProtocolError((await pushAuthorizationRequest({ parameters: { scope: PID }, headers: otherKey })).result, 401, 'invalid_client');
  });

  it('T10: an attestation whose exp has passed, or without sub, is invalid_client', async () => {
    const instance = createWalletKey();
    const now = Math.floor(Date.now() / 1000);
    for (const payload of [{ iat: now - 7200, exp: now - 3600 }, { sub: undefined }]) {
      const headers = { ...attestationHeaders(instance), 'oauth-client-attestation': createClientAttestation({ provider: provider(), instance, clientId: CLIENT_ID, overrides: { payload } }) };
      await expectProtocolError((await pushAuthorizationRequest({ parameters: { scope: PID }, headers })).result, 401, 'invalid_client');
    }
  });

  it('T10: at the token endpoint a pre-authorized code request with a broken attestation is invalid_client, and the code stays usable', async () => {
    const issuance = await createIssuance();
    const wallet = new TestWallet();
    const instance = createWalletKey();
    const form = { grant_type: 'urn:ietf:params:oauth:grant-type:pre-authorized_code', 'pre-authorized_code': preAuthorizedCodeOf(issuance), client_id: CLIENT_ID };
    const refused = await wallet.token(form, { dpop: wallet.dpop('POST', '/token'), ...attestationHeaders(instance, { aud: 'https://other-as.example' }) });
    await expectProtocolError(refused, 401, 'invalid_client', issuance.session_id);
    const accepted = await wallet.token(form, { dpop: wallet.dpop('POST', '/token'), ...attestationHeaders(instance) });
    expect(accepted.status).toBe(200);
    const timeline = await timelineWith(issuance.session_id, (entry) => entry.message === 'Client authenticated');
    expect(timeline.entries.find((entry) => entry.message === 'Client authenticated')?.data).toMatchObject({ method: 'attest_jwt_client_auth', client_id: CLIENT_ID, wallet_name: 'Test Wallet' });
  });

  it('require_wallet_attestation on an issuance: its pre-authorized code only for an attested wallet', async () => {
    const issuance = await createIssuance({ requireWalletAttestation: true });
    const wallet = new TestWallet();
    const form = { grant_type: 'urn:ietf:params:oauth:grant-type:pre-authorized_code', 'pre-authorized_code': preAuthorizedCodeOf(issuance), client_id: CLIENT_ID };
    await expectProtocolError(await wallet.token(form), 401, 'invalid_client', issuance.session_id);
    expect((await wallet.token(form, { dpop: wallet.dpop('POST', '/token'), ...attestationHeaders(createWalletKey()) })).status).toBe(200);
  });

  it('T9: a PAR without client_id is invalid_client', async () => {
    await expectProtocolError((await pushAuthorizationRequest({ parameters: { scope: PID, client_id: undefined } })).result, 401, 'invalid_client');
  });
});
