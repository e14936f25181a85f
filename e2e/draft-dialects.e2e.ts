import { describe, expect, it } from '@jest/globals';
import { EBSI_TYPES, verifyJwtVcJson } from './interop/verify-jwt-vc-json.js';
import { expectIssuedPid } from './interop/verify-sd-jwt-vc.js';
import { expectProtocolError } from './support/expect-error.js';
import { createIssuance, preAuthorizedCodeOf, timelineWith, type IssuanceOptions } from './support/issuer-api.js';
import { TestWallet } from './support/wallet.js';

const GRANT = 'urn:ietf:params:oauth:grant-type:pre-authorized_code';
const PID = 'eu.europa.ec.eudi.pid_vc_sd_jwt';

async function draftToken(options: IssuanceOptions & { pinAs?: 'user_pin' } = {}) {
  const issuance = await createIssuance(options);
  const wallet = new TestWallet();
  const pin = options.txCode ? { [options.pinAs ?? 'tx_code']: issuance.tx_code as string } : {};
  const token = await wallet.token({ grant_type: GRANT, 'pre-authorized_code': preAuthorizedCodeOf(issuance), ...pin });
  return { issuance, wallet, token };
}

describe('draft wallets under the lenient profile (the default)', () => {
  it('a draft 13 wallet takes c_nonce from the token response and gets its SD-JWT VC in the draft 13 response', async () => {
    const { issuance, wallet, token } = await draftToken();
    expect(token.status).toBe(200);
    expect(typeof token.body['c_nonce']).toBe('string');
    expect(token.body['c_nonce_expires_in']).toEqual(expect.any(Number));
    const accessToken = token.body['access_token'] as string;

    const body = { format: 'vc+sd-jwt', vct: 'urn:eudi:pid:1', proof: { proof_type: 'jwt', jwt: wallet.proof(token.body['c_nonce'] as string) } };
    const result = await wallet.credential(accessToken, body);

    expect(result.status).toBe(200);
    expect(Object.keys(result.body).sort()).toEqual(['c_nonce', 'c_nonce_expires_in', 'credential', 'notification_id']);
    await expectIssuedPid(result.body['credential'] as string, wallet.key);
    // The draft response's c_nonce is good for the next key proof.
    const again = await wallet.credential(accessToken, { ...body, proof: { proof_type: 'jwt', jwt: wallet.proof(result.body['c_nonce'] as string) } });
    expect(again.status).toBe(200);

    const timeline = await timelineWith(issuance.session_id, (entry) => entry.message.startsWith('Credential request of draft-13 translated'));
    const translated = timeline.entries.find((entry) => entry.message.startsWith('Credential request of draft-13 translated'));
    expect(translated?.data).toEqual({
      compatibility_profile: 'lenient',
      changes: [`format "vc+sd-jwt" with vct "urn:eudi:pid:1" -> credential_configuration_id "${PID}"`, 'proof { proof_type: "jwt" } -> proofs.jwt[0]'],
      request_id: expect.any(String),
    });
  });

  it('a draft 14 wallet sending format with vct and the plural proofs gets its SD-JWT VC, the format translated', async () => {
    const { issuance, wallet, token } = await draftToken();
    const accessToken = token.body['access_token'] as string;
    const result = await wallet.credential(accessToken, { format: 'vc+sd-jwt', vct: 'urn:eudi:pid:1', proofs: { jwt: [wallet.proof(await wallet.nonce())] } });
    expect(result.status).toBe(200);
    const issued = (result.body['credentials'] as Array<{ credential: string }> | undefined)?.[0]?.credential ?? (result.body['credential'] as string);
    await expectIssuedPid(issued, wallet.key);
    const translated = (await timelineWith(issuance.session_id, (entry) => entry.message.startsWith('Credential request of draft-13 translated'))).entries.find((entry) =>
      entry.message.startsWith('Credential request of draft-13 translated'),
    );
    expect(translated?.data?.['changes']).toEqual([`format "vc+sd-jwt" with vct "urn:eudi:pid:1" -> credential_configuration_id "${PID}"`]);
  });

  it('a draft 15 wallet sending the singular proof with credential_configuration_id gets the 1.0 response', async () => {
    const { wallet, token } = await draftToken();
    const accessToken = token.body['access_token'] as string;
    const result = await wallet.credential(accessToken, { credential_configuration_id: PID, proof: { proof_type: 'jwt', jwt: wallet.proof(await wallet.nonce()) } });
    expect(result.status).toBe(200);
    const credentials = result.body['credentials'] as Array<{ credential: string }>;
    await expectIssuedPid(credentials[0]?.credential as string, wallet.key);
  });

  it('a draft 11 (EBSI v4) wallet: user_pin, then format jwt_vc with types, answered in the draft 11 shape', async () => {
    const { issuance, wallet, token } = await draftToken({ txCode: true, pinAs: 'user_pin', credentialConfigurationId: 'CTWalletSameInTime', claims: { given_name: 'Erika' } });
    expect(token.status).toBe(200);
    const body = { format: 'jwt_vc', types: EBSI_TYPES, proof: { proof_type: 'jwt', jwt: wallet.proof(token.body['c_nonce'] as string) } };
    const result = await wallet.credential(token.body['access_token'] as string, body);

    expect(result.status).toBe(200);
    expect(Object.keys(result.body).sort()).toEqual(['c_nonce', 'c_nonce_expires_in', 'credential', 'format']);
    expect(result.body['format']).toBe('jwt_vc_json');
    const { payload } = await verifyJwtVcJson(result.body['credential'] as string);
    expect(payload['vc']).toMatchObject({ type: EBSI_TYPES });
    const timeline = await timelineWith(issuance.session_id, (entry) => entry.message === 'Credential request of draft-11 translated to OID4VCI 1.0');
    expect(timeline.entries.find((entry) => entry.message === 'Credential request of draft-11 translated to OID4VCI 1.0')?.data?.['changes']).toEqual([
      `format "jwt_vc" with types ${JSON.stringify(EBSI_TYPES)} -> credential_configuration_id "CTWalletSameInTime"`,
      'proof { proof_type: "jwt" } -> proofs.jwt[0]',
    ]);
  });

  it('a draft 13 wallet whose proof carries a stale nonce gets invalid_proof with a fresh c_nonce, which then works', async () => {
    const { issuance, wallet, token } = await draftToken();
    const accessToken = token.body['access_token'] as string;
    const stale = { format: 'vc+sd-jwt', vct: 'urn:eudi:pid:1', proof: { proof_type: 'jwt', jwt: wallet.proof('not-a-nonce-of-this-issuer') } };
    const refused = await wallet.credential(accessToken, stale);
    await expectProtocolError(refused, 400, 'invalid_proof', issuance.session_id);
    expect(refused.body['c_nonce']).toEqual(expect.any(String));
    expect(refused.body['c_nonce_expires_in']).toEqual(expect.any(Number));

    const retried = await wallet.credential(accessToken, { ...stale, proof: { proof_type: 'jwt', jwt: wallet.proof(refused.body['c_nonce'] as string) } });
    expect(retried.status).toBe(200);
    const timeline = await timelineWith(issuance.session_id, (entry) => entry.message === 'Error answered as draft-13 defined it');
    expect(timeline.entries.find((entry) => entry.message === 'Error answered as draft-13 defined it')?.data).toEqual({ error: 'invalid_nonce', answered: 'invalid_proof', c_nonce_included: true, request_id: expect.any(String) });
  });

  it('a draft 11 wallet without a proof gets invalid_or_missing_proof with a c_nonce', async () => {
    const { issuance, wallet, token } = await draftToken({ credentialConfigurationId: 'CTWalletSameInTime', claims: { given_name: 'Erika' } });
    const refused = await wallet.credential(token.body['access_token'] as string, { format: 'jwt_vc', types: EBSI_TYPES });
    await expectProtocolError(refused, 400, 'invalid_or_missing_proof', issuance.session_id);
    expect(refused.body['c_nonce']).toEqual(expect.any(String));
  });

  it('a draft 11 wallet may send the transaction code as user_pin', async () => {
    const { issuance, token } = await draftToken({ txCode: true, pinAs: 'user_pin' });
    expect(token.status).toBe(200);
    const timeline = await timelineWith(issuance.session_id, (entry) => entry.message === 'Token request of draft 11 translated to OID4VCI 1.0');
    expect(timeline.entries.find((entry) => entry.message === 'Token request of draft 11 translated to OID4VCI 1.0')?.data).toEqual({
      compatibility_profile: 'lenient',
      changes: ['user_pin -> tx_code'],
      request_id: expect.any(String),
    });
  });
});

describe('draft wallets under strict-1.0 (set per issuance)', () => {
  it('answers the token without c_nonce, and a draft 13 request with the 1.0 error naming the fields to send', async () => {
    const { issuance, wallet, token } = await draftToken({ compatibilityProfile: 'strict-1.0' });
    expect(token.status).toBe(200);
    expect(token.body['c_nonce']).toBeUndefined();
    const accessToken = token.body['access_token'] as string;

    const result = await wallet.credential(accessToken, { format: 'vc+sd-jwt', vct: 'urn:eudi:pid:1', proof: { proof_type: 'jwt', jwt: wallet.proof(await wallet.nonce()) } });
    await expectProtocolError(result, 400, 'invalid_credential_request', issuance.session_id);
    expect(result.body['error_description']).toContain('as draft 13 did');
  });

  it('answers a draft 11 (EBSI) credential request with the 1.0 error naming the configuration to ask for', async () => {
    const { issuance, wallet, token } = await draftToken({ compatibilityProfile: 'strict-1.0', credentialConfigurationId: 'CTWalletSameInTime', claims: { given_name: 'Erika' } });
    const body = { format: 'jwt_vc', types: EBSI_TYPES, proof: { proof_type: 'jwt', jwt: wallet.proof(await wallet.nonce()) } };
    const result = await wallet.credential(token.body['access_token'] as string, body);
    await expectProtocolError(result, 400, 'invalid_credential_request', issuance.session_id);
    expect(result.body['c_nonce']).toBeUndefined();
    const timeline = await timelineWith(issuance.session_id, (entry) => entry.level === 'error');
    expect(timeline.entries.find((entry) => entry.level === 'error')?.data?.['help']).toContain('credential_configuration_id "CTWalletSameInTime"');
  });

  it('refuses user_pin with invalid_request and the 1.0 parameter name', async () => {
    const { issuance, token } = await draftToken({ compatibilityProfile: 'strict-1.0', txCode: true, pinAs: 'user_pin' });
    await expectProtocolError(token, 400, 'invalid_request', issuance.session_id);
    const timeline = await timelineWith(issuance.session_id, (entry) => entry.level === 'error');
    expect(timeline.entries.find((entry) => entry.level === 'error')?.data?.['help']).toBe('Send the transaction code as tx_code');
  });

  it('under haip, as under strict-1.0: a draft 13 and a draft 11 (EBSI) request get the 1.0 error naming the configuration', async () => {
    const draft13 = await draftToken({ compatibilityProfile: 'haip' });
    const body13 = { format: 'vc+sd-jwt', vct: 'urn:eudi:pid:1', proof: { proof_type: 'jwt', jwt: draft13.wallet.proof(await draft13.wallet.nonce()) } };
    await expectProtocolError(await draft13.wallet.credential(draft13.token.body['access_token'] as string, body13), 400, 'invalid_credential_request', draft13.issuance.session_id);

    const draft11 = await draftToken({ compatibilityProfile: 'haip', credentialConfigurationId: 'CTWalletSameInTime', claims: { given_name: 'Erika' } });
    const body11 = { format: 'jwt_vc', types: EBSI_TYPES, proof: { proof_type: 'jwt', jwt: draft11.wallet.proof(await draft11.wallet.nonce()) } };
    await expectProtocolError(await draft11.wallet.credential(draft11.token.body['access_token'] as string, body11), 400, 'invalid_credential_request', draft11.issuance.session_id);

    for (const [sessionId, configuration] of [[draft13.issuance.session_id, PID], [draft11.issuance.session_id, 'CTWalletSameInTime']] as const) {
      const timeline = await timelineWith(sessionId, (entry) => entry.level === 'error');
      expect(timeline.entries.find((entry) => entry.level === 'error')?.data?.['help']).toContain(`credential_configuration_id "${configuration}"`);
    }
  });

  it('shows the profile on the issuance record', async () => {
    const issuance = await createIssuance({ compatibilityProfile: 'haip' });
    expect(issuance.compatibility_profile).toBe('haip');
    expect((await createIssuance()).compatibility_profile).toBe('lenient');
  });
});
