import { describe, expect, it } from '@jest/globals';
import { createIssuance, preAuthorizedCodeOf } from './support/issuer-api.js';
import { expectProtocolError } from './support/expect-error.js';
import { TestWallet } from './support/wallet.js';

const grantType = 'urn:ietf:params:oauth:grant-type:pre-authorized_code';
const configurationId = 'eu.europa.ec.eudi.pid_vc_sd_jwt';

async function tokenRequest(wallet: TestWallet, dpop: string | string[]) {
  const issuance = await createIssuance();
  const headers = Array.isArray(dpop) ? undefined : { dpop };
  if (Array.isArray(dpop)) {
    // Two DPoP header lines; fetch would fold them, so this goes through node:http.
    return { issuance, result: await postWithRepeatedDpop(preAuthorizedCodeOf(issuance), dpop) };
  }
  return { issuance, result: await wallet.token({ grant_type: grantType, 'pre-authorized_code': preAuthorizedCodeOf(issuance) }, headers) };
}

describe('DPoP at the token endpoint (NEGATIVE-TESTS D1-D11, AS rules: 400)', () => {
  it('D1: two DPoP headers', async () => {
    const wallet = new TestWallet();
    const { result } = await tokenRequest(wallet, [wallet.dpop('POST', '/token'), wallet.dpop('POST', '/token')]);
    await expectProtocolError(result, 400, 'invalid_dpop_proof');
  });

  it('D2: not a JWT', async () => {
    const { result } = await tokenRequest(new TestWallet(), 'not-a-jwt');
    await expectProtocolError(result, 400, 'invalid_dpop_proof');
  });

  it('D3: typ is not dpop+jwt', async () => {
    const wallet = new TestWallet();
    const { result } = await tokenRequest(wallet, wallet.dpop('POST', '/token', { header: { typ: 'JWT' } }));
    await expectProtocolError(result, 400, 'invalid_dpop_proof');
  });

  it('D7: htm is not the request method', async () => {
    const wallet = new TestWallet();
    const { result } = await tokenRequest(wallet, wallet.dpop('PUT', '/token'));
    await expectProtocolError(result, 400, 'invalid_dpop_proof');
  });

  it('D7/D9: htu is another URL (an internal one)', async () => {
    const wallet = new TestWallet();
    const { result } = await tokenRequest(wallet, wallet.dpop('POST', '/credential'));
    await expectProtocolError(result, 400, 'invalid_dpop_proof');
  });

  it('D10: iat an hour in the past', async () => {
    const wallet = new TestWallet();
    const { result } = await tokenRequest(wallet, wallet.dpop('POST', '/token', { payload: { iat: Math.floor(Date.now() / 1000) - 3600 } }));
    await expectProtocolError(result, 400, 'invalid_dpop_proof');
  });

  it('D11: a proof replayed with the same jti', async () => {
    const wallet = new TestWallet();
    const proof = wallet.dpop('POST', '/token');
    const first = await tokenRequest(wallet, proof);
    expect(first.result.status).toBe(200);
    const second = await tokenRequest(wallet, proof);
    await expectProtocolError(second.result, 400, 'invalid_dpop_proof', second.issuance.session_id);
  });
});

describe('DPoP at the credential endpoint (resource server rules: 401)', () => {
  async function boundToken() {
    const wallet = new TestWallet();
    const issuance = await createIssuance();
    const token = await wallet.token({ grant_type: grantType, 'pre-authorized_code': preAuthorizedCodeOf(issuance) });
    return { wallet, accessToken: token.body['access_token'] as string, sessionId: issuance.session_id };
  }

  it('D13: ath does not match the access token', async () => {
    const { wallet, accessToken, sessionId } = await boundToken();
    const dpop = wallet.dpop('POST', '/credential', { accessToken: `${accessToken}x` });
    const result = await wallet.credential(accessToken, { credential_configuration_id: configurationId }, { authorization: `DPoP ${accessToken}`, dpop, 'content-type': 'application/json' });
    await expectProtocolError(result, 401, 'invalid_dpop_proof', sessionId);
    expect(result.headers.get('www-authenticate')).toContain('DPoP error="invalid_dpop_proof"');
  });

  it('D14: a proof signed by another key than the token is bound to', async () => {
    const { wallet, accessToken, sessionId } = await boundToken();
    const dpop = new TestWallet().dpop('POST', '/credential', { accessToken });
    const result = await wallet.credential(accessToken, { credential_configuration_id: configurationId }, { authorization: `DPoP ${accessToken}`, dpop, 'content-type': 'application/json' });
    await expectProtocolError(result, 401, 'invalid_dpop_proof', sessionId);
  });

  it('D15: a DPoP-bound token sent as Bearer', async () => {
    const { wallet, accessToken } = await boundToken();
    const result = await wallet.credential(accessToken, { credential_configuration_id: configurationId }, { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' });
    await expectProtocolError(result, 401, 'invalid_token');
  });

  it('D16: Bearer with a DPoP header', async () => {
    const { wallet, accessToken } = await boundToken();
    const dpop = wallet.dpop('POST', '/credential', { accessToken });
    const result = await wallet.credential(accessToken, { credential_configuration_id: configurationId }, { authorization: `Bearer ${accessToken}`, dpop, 'content-type': 'application/json' });
    expect(result.body['error']).toBe('invalid_request');
  });
});

async function postWithRepeatedDpop(code: string, proofs: string[]) {
  const { request } = await import('node:http');
  const url = new URL(`${process.env['E2E_BASE_URL']}/token`);
  const body = new URLSearchParams({ grant_type: grantType, 'pre-authorized_code': code }).toString();
  const headers = { 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(Buffer.byteLength(body)), dpop: proofs };
  return new Promise<{ status: number; headers: Headers; body: Record<string, unknown> }>((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const headers = new Headers();
        for (const [name, value] of Object.entries(res.headers)) if (typeof value === 'string') headers.set(name, value);
        resolve({ status: res.statusCode ?? 0, headers, body: JSON.parse(Buffer.concat(chunks).toString() || '{}') as Record<string, unknown> });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}
