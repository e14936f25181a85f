import { describe, expect, it } from '@jest/globals';
import { createTokenResponse } from './token-response.js';

const token = { access_token: 'eyJ.eyJ.sig', token_type: 'DPoP' as const, expires_in: 300 };

describe('createTokenResponse (OID4VCI 1.0 Section 6.2)', () => {
  it('answers with the token alone when no authorization details apply, and without c_nonce', () => {
    expect(createTokenResponse(token)).toEqual(token);
  });

  it('adds openid_credential authorization_details with credential_identifiers', () => {
    const response = createTokenResponse(token, {
      authorization_details: [{ credential_configuration_id: 'UniversityDegreeCredential', credential_identifiers: ['CivilEngineeringDegree-2023', 'ElectricalEngineeringDegree-2023'] }],
    });
    expect(response.authorization_details).toEqual([
      { type: 'openid_credential', credential_configuration_id: 'UniversityDegreeCredential', credential_identifiers: ['CivilEngineeringDegree-2023', 'ElectricalEngineeringDegree-2023'] },
    ]);
  });

  it('adds the refresh_token when one was issued (RFC 6749 Section 5.1)', () => {
    expect(createTokenResponse(token, { refresh_token: 'tGzv3JOkF0XG5Qx2TlKWIA' })).toEqual({ ...token, refresh_token: 'tGzv3JOkF0XG5Qx2TlKWIA' });
  });

  it('refuses empty authorization_details or empty credential_identifiers', () => {
    expect(() => createTokenResponse(token, { authorization_details: [] })).toThrow(RangeError);
    expect(() => createTokenResponse(token, { authorization_details: [{ credential_configuration_id: 'pid', credential_identifiers: [] }] })).toThrow(/pid has none/);
  });
});
