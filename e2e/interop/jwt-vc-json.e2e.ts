import { describe, expect, it } from '@jest/globals';
import { calculateJwkThumbprint, type JWK } from 'jose';
import { createIssuance, preAuthorizedCodeOf } from '../support/issuer-api.js';
import { TestWallet } from '../support/wallet.js';
import { EBSI_TYPES, verifyJwtVcJson } from './verify-jwt-vc-json.js';

const GRANT = 'urn:ietf:params:oauth:grant-type:pre-authorized_code';

describe('jwt_vc_json issuance verified by jose', () => {
  it('issues the W3C VC of an operator configuration, bound to the proof key', async () => {
    const claims = { given_name: 'Erika', family_name: 'Mustermann' };
    const issuance = await createIssuance({ credentialConfigurationId: 'CTWalletSameInTime', claims });
    const wallet = new TestWallet();
    const token = await wallet.token({ grant_type: GRANT, 'pre-authorized_code': preAuthorizedCodeOf(issuance) });
    const result = await wallet.credential(token.body['access_token'] as string, { credential_configuration_id: 'CTWalletSameInTime', proofs: { jwt: [wallet.proof(await wallet.nonce())] } });
    expect(result.status).toBe(200);
    const [issued] = result.body['credentials'] as Array<{ credential: string }>;

    const { payload } = await verifyJwtVcJson(issued!.credential);
    expect(payload['vc']).toMatchObject({ type: EBSI_TYPES, credentialSubject: claims });
    const cnf = payload['cnf'] as { jwk: JWK };
    expect(await calculateJwkThumbprint(cnf.jwk)).toBe(wallet.key.jkt);
    expect(payload['status']).toMatchObject({ status_list: { uri: expect.stringMatching(/\/status-lists\//), idx: expect.any(Number) } });
  });
});
