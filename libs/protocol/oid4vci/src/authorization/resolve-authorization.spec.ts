import { describe, expect, it } from '@jest/globals';
import { protocolErrorOf } from '@issuer/testing';
import type { CredentialConfiguration } from '../credential-configuration/z-credential-configuration.js';
import { credentialIdentifiersOf, resolveAuthorization, withCredentialIdentifiers } from './resolve-authorization.js';

const configurations = [
  { id: 'pid', scope: 'pid_scope' },
  { id: 'mdl', scope: 'mdl_scope' },
] as unknown as CredentialConfiguration[];

const detail = (id: unknown, type = 'openid_credential') => ({ type, credential_configuration_id: id });

describe('resolveAuthorization (OID4VCI 1.0 Section 5.1, NEGATIVE-TESTS A9)', () => {
  it('reads authorization_details, and answers in kind', () => {
    expect(resolveAuthorization({ authorization_details: [detail('pid')] }, configurations)).toEqual({
      credentialConfigurationIds: ['pid'],
      authorizationDetails: [{ type: 'openid_credential', credential_configuration_id: 'pid' }],
      ignoredScopes: [],
    });
  });

  it('reads scope values, ignoring the unknown ones when a known one is there', () => {
    expect(resolveAuthorization({ scope: 'openid mdl_scope' }, configurations)).toEqual({ credentialConfigurationIds: ['mdl'], ignoredScopes: ['openid'] });
  });

  it('falls back to the offer of issuer_state, and keeps requests inside it', () => {
    expect(resolveAuthorization({ offered: ['pid', 'mdl'] }, configurations).credentialConfigurationIds).toEqual(['pid', 'mdl']);
    expect(resolveAuthorization({ scope: 'openid', offered: ['pid'] }, configurations).credentialConfigurationIds).toEqual(['pid']);
    expect(protocolErrorOf(() => resolveAuthorization({ scope: 'mdl_scope', offered: ['pid'] }, configurations))).toMatchObject({ error: 'invalid_authorization_details' });
  });

  it('A9: refuses only-unknown scopes, unknown detail types, details without or with an unknown configuration id, and asking for nothing', () => {
    expect(protocolErrorOf(() => resolveAuthorization({ scope: 'openid profile' }, configurations))).toMatchObject({ error: 'invalid_scope' });
    expect(protocolErrorOf(() => resolveAuthorization({ authorization_details: [detail('pid', 'payment')] }, configurations))).toMatchObject({ error: 'invalid_authorization_details', reason: expect.stringContaining('"payment"') });
    expect(protocolErrorOf(() => resolveAuthorization({ authorization_details: [{ type: 'openid_credential' }] }, configurations))).toMatchObject({ error: 'invalid_authorization_details', reason: expect.stringContaining('no credential_configuration_id') });
    expect(protocolErrorOf(() => resolveAuthorization({ authorization_details: [detail('nope')] }, configurations))).toMatchObject({ error: 'invalid_authorization_details', reason: expect.stringContaining('"nope" is unknown') });
    expect(protocolErrorOf(() => resolveAuthorization({}, configurations))).toMatchObject({ error: 'invalid_request' });
  });

  it('gives each configuration a credential identifier the credential endpoint maps back', () => {
    const details = withCredentialIdentifiers([detail('pid') as never, detail('mdl') as never]);
    expect(credentialIdentifiersOf(details)).toEqual({ 'pid#0': 'pid', 'mdl#0': 'mdl' });
    expect(credentialIdentifiersOf(undefined)).toEqual({});
  });
});
