import { describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import { zCredentialConfiguration } from '../credential-configuration/z-credential-configuration.js';
import { translateDraftAuthorizationDetails } from './translate-draft-authorization-details.js';

const EBSI_TYPES = ['VerifiableCredential', 'VerifiableAttestation', 'CTWalletSameInTime'];
const configurations = z.array(zCredentialConfiguration).parse([
  {
    id: 'CTWalletSameInTime',
    scope: 'CTWalletSameInTime',
    format: 'jwt_vc_json',
    credential_definition: { type: EBSI_TYPES },
    cryptographic_binding_methods_supported: ['jwk'],
    credential_signing_alg_values_supported: ['ES256'],
    proof_types_supported: { jwt: { proof_signing_alg_values_supported: ['ES256'] } },
  },
]);

describe('translateDraftAuthorizationDetails (draft 11, EBSI v4)', () => {
  it('names the configuration of format jwt_vc with types, and drops locations', () => {
    const translated = translateDraftAuthorizationDetails([{ type: 'openid_credential', format: 'jwt_vc', types: EBSI_TYPES, locations: ['https://issuer.example'] }], configurations);
    expect(translated).toEqual({
      authorizationDetails: [{ type: 'openid_credential', credential_configuration_id: 'CTWalletSameInTime' }],
      changes: [
        `authorization_details[0] format "jwt_vc" with types ${JSON.stringify(EBSI_TYPES)} -> credential_configuration_id "CTWalletSameInTime"`,
        'authorization_details[0].locations dropped: this issuer is its own authorization server',
      ],
    });
  });

  it('leaves 1.0 details and unmatched draft details as sent', () => {
    expect(translateDraftAuthorizationDetails([{ type: 'openid_credential', credential_configuration_id: 'CTWalletSameInTime' }], configurations)).toBeUndefined();
    expect(translateDraftAuthorizationDetails([{ type: 'openid_credential', format: 'jwt_vc', types: ['VerifiableCredential', 'Other'] }], configurations)).toBeUndefined();
  });
});
