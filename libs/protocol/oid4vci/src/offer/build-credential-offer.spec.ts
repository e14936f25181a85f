import { describe, expect, it } from '@jest/globals';
import { isProtocolError } from '@issuer/protocol-errors';
import { buildCredentialOffer } from './build-credential-offer.js';
import { zCredentialOffer } from './z-credential-offer.js';

const PRE_AUTH = 'urn:ietf:params:oauth:grant-type:pre-authorized_code';

describe('buildCredentialOffer (OID4VCI 1.0 Section 4.1.1)', () => {
  it('builds a pre-authorized code offer with a tx_code', () => {
    const offer = buildCredentialOffer({
      credentialIssuer: 'https://credential-issuer.example.com',
      credentialConfigurationIds: ['eu.europa.ec.eudi.pid_vc_sd_jwt'],
      preAuthorizedCode: 'adhjhdjajkdkhjhdj',
      txCode: { input_mode: 'numeric', length: 4, description: 'Please provide the one-time code that was sent via e-mail' },
    });
    expect(offer).toEqual({
      credential_issuer: 'https://credential-issuer.example.com',
      credential_configuration_ids: ['eu.europa.ec.eudi.pid_vc_sd_jwt'],
      grants: {
        [PRE_AUTH]: {
          'pre-authorized_code': 'adhjhdjajkdkhjhdj',
          tx_code: { input_mode: 'numeric', length: 4, description: 'Please provide the one-time code that was sent via e-mail' },
        },
      },
    });
  });

  it('keeps an empty tx_code, which still means a code is required', () => {
    const offer = buildCredentialOffer({ credentialIssuer: 'https://i.example', credentialConfigurationIds: ['a'], preAuthorizedCode: 'c', txCode: {} });
    expect(offer.grants?.[PRE_AUTH]?.tx_code).toEqual({});
  });

  it('builds an authorization code offer with issuer_state and leaves out absent grants', () => {
    expect(buildCredentialOffer({ credentialIssuer: 'https://i.example', credentialConfigurationIds: ['a'], issuerState: 'eyJhbGciOiJSU0Et' })).toEqual({
      credential_issuer: 'https://i.example',
      credential_configuration_ids: ['a'],
      grants: { authorization_code: { issuer_state: 'eyJhbGciOiJSU0Et' } },
    });
    expect(buildCredentialOffer({ credentialIssuer: 'https://i.example', credentialConfigurationIds: ['a'] })).not.toHaveProperty('grants');
  });

  it.each([
    ['no configuration', { credentialIssuer: 'https://i.example', credentialConfigurationIds: [] }],
    ['a repeated configuration', { credentialIssuer: 'https://i.example', credentialConfigurationIds: ['a', 'a'] }],
    ['a non-https issuer', { credentialIssuer: 'http://issuer.example', credentialConfigurationIds: ['a'] }],
    ['a tx_code without a code', { credentialIssuer: 'https://i.example', credentialConfigurationIds: ['a'], txCode: {} }],
  ])('rejects %s', (_name, input) => {
    let caught: unknown;
    try {
      buildCredentialOffer(input);
    } catch (error) {
      caught = error;
    }
    expect(isProtocolError(caught) && caught.error).toBe('invalid_request');
  });

  it('allows http on a loopback host for local runs', () => {
    expect(buildCredentialOffer({ credentialIssuer: 'http://localhost:3000', credentialConfigurationIds: ['a'] }).credential_issuer).toBe('http://localhost:3000');
  });

  it('keeps parameters and grant types it does not know when parsing', () => {
    const parsed = zCredentialOffer.parse({
      credential_issuer: 'https://i.example',
      credential_configuration_ids: ['a'],
      grants: { 'urn:example:grant': { x: 1 } },
      extension: true,
    });
    expect(parsed).toMatchObject({ extension: true, grants: { 'urn:example:grant': { x: 1 } } });
  });
});
