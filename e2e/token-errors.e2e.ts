import { describe, expect, it } from '@jest/globals';
import { createIssuance, preAuthorizedCodeOf } from './support/issuer-api.js';
import { expectProtocolError } from './support/expect-error.js';
import { send, TestWallet } from './support/wallet.js';

const grantType = 'urn:ietf:params:oauth:grant-type:pre-authorized_code';

describe('token endpoint, pre-authorized code (NEGATIVE-TESTS T1-T12)', () => {
  it('T1: a missing pre-authorized_code is invalid_request', async () => {
    const result = await new TestWallet().token({ grant_type: grantType });
    await expectProtocolError(result, 400, 'invalid_request');
  });

  it('T2: an unknown code is invalid_grant', async () => {
    const result = await new TestWallet().token({ grant_type: grantType, 'pre-authorized_code': 'not-a-code-we-issued' });
    await expectProtocolError(result, 400, 'invalid_grant');
  });

  it('T3: a used code is invalid_grant the second time', async () => {
    const issuance = await createIssuance();
    const form = { grant_type: grantType, 'pre-authorized_code': preAuthorizedCodeOf(issuance) };
    expect((await new TestWallet().token(form)).status).toBe(200);
    await expectProtocolError(await new TestWallet().token(form), 400, 'invalid_grant', issuance.session_id);
  });

  it('T4: of concurrent requests with one code exactly one succeeds', async () => {
    const issuance = await createIssuance();
    const form = { grant_type: grantType, 'pre-authorized_code': preAuthorizedCodeOf(issuance) };
    const results = await Promise.all(Array.from({ length: 8 }, () => new TestWallet().token(form)));
    expect(results.filter((result) => result.status === 200)).toHaveLength(1);
    expect(results.filter((result) => result.body['error'] === 'invalid_grant')).toHaveLength(7);
  });

  it('T5: a missing tx_code is invalid_request and does not consume the code', async () => {
    const issuance = await createIssuance({ txCode: true });
    const code = preAuthorizedCodeOf(issuance);
    await expectProtocolError(await new TestWallet().token({ grant_type: grantType, 'pre-authorized_code': code }), 400, 'invalid_request', issuance.session_id);
    const retry = await new TestWallet().token({ grant_type: grantType, 'pre-authorized_code': code, tx_code: issuance.tx_code as string });
    expect(retry.status).toBe(200);
  });

  it('T6: a tx_code the offer did not ask for is invalid_request and does not consume the code', async () => {
    const issuance = await createIssuance();
    const code = preAuthorizedCodeOf(issuance);
    await expectProtocolError(await new TestWallet().token({ grant_type: grantType, 'pre-authorized_code': code, tx_code: '123456' }), 400, 'invalid_request', issuance.session_id);
    expect((await new TestWallet().token({ grant_type: grantType, 'pre-authorized_code': code })).status).toBe(200);
  });

  it('T7: a wrong tx_code is invalid_grant and the right one still works', async () => {
    const issuance = await createIssuance({ txCode: true });
    const code = preAuthorizedCodeOf(issuance);
    const wrong = issuance.tx_code === '000000' ? '000001' : '000000';
    await expectProtocolError(await new TestWallet().token({ grant_type: grantType, 'pre-authorized_code': code, tx_code: wrong }), 400, 'invalid_grant', issuance.session_id);
    expect((await new TestWallet().token({ grant_type: grantType, 'pre-authorized_code': code, tx_code: issuance.tx_code as string })).status).toBe(200);
  });

  it('T8: after the maximum wrong attempts even the right tx_code is refused', async () => {
    const issuance = await createIssuance({ txCode: true });
    const code = preAuthorizedCodeOf(issuance);
    const wrong = issuance.tx_code === '000000' ? '000001' : '000000';
    for (let attempt = 0; attempt < 5; attempt += 1) {
      expect((await new TestWallet().token({ grant_type: grantType, 'pre-authorized_code': code, tx_code: wrong })).body['error']).toBe('invalid_grant');
    }
    const right = await new TestWallet().token({ grant_type: grantType, 'pre-authorized_code': code, tx_code: issuance.tx_code as string });
    await expectProtocolError(right, 400, 'invalid_grant', issuance.session_id);
  });

  it('T11: an unsupported grant_type is unsupported_grant_type', async () => {
    await expectProtocolError(await new TestWallet().token({ grant_type: 'password', username: 'a', password: 'b' }), 400, 'unsupported_grant_type');
  });

  it('T12: authorization_details on a pre-authorized request is invalid_request', async () => {
    const issuance = await createIssuance();
    const result = await new TestWallet().token({
      grant_type: grantType,
      'pre-authorized_code': preAuthorizedCodeOf(issuance),
      authorization_details: JSON.stringify([{ type: 'openid_credential', credential_configuration_id: 'eu.europa.ec.eudi.pid_vc_sd_jwt' }]),
    });
    await expectProtocolError(result, 400, 'invalid_request');
  });

  it('refuses a JSON body at the token endpoint with invalid_request (RFC 6749 Section 4.1.3)', async () => {
    const issuance = await createIssuance();
    const result = await send('/token', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: grantType, 'pre-authorized_code': preAuthorizedCodeOf(issuance) }),
    });
    await expectProtocolError(result, 400, 'invalid_request');
  });
});
